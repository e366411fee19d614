// A clinic's own table: any part of the default may be replaced (deep merge; arrays replace whole),
// and the result is validated as a whole, so a clinic can send only its pigment catalogue, say.
import { z } from 'zod';
import { DEFAULT_CLINIC_TABLE } from './default-table.js';
import { ClinicTableError, ClinicTableSchema, parseClinicTable, type ClinicTable } from './schema.js';

export function clinicTableFrom(overrides: unknown, base: ClinicTable = DEFAULT_CLINIC_TABLE): ClinicTable {
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) {
    throw new ClinicTableError('a clinic table must be a JSON object');
  }
  const merged = deepMerge(base, overrides) as Record<string, unknown>;
  // A clinic's changes without an id of their own: the recommendation must not name the table "default".
  const changes = Object.keys(overrides).length > 0;
  if (changes && !('id' in overrides)) merged.id = `${base.id}+clinic`;
  return parseClinicTable(merged);
}

function deepMerge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (Array.isArray(patch) || patch === null || typeof patch !== 'object') return patch;
  if (base === null || typeof base !== 'object' || Array.isArray(base)) return patch;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) out[k] = deepMerge((base as Record<string, unknown>)[k], v);
  return out;
}

/** JSON Schema of a complete clinic table (for OpenAPI). */
export const CLINIC_TABLE_JSON_SCHEMA = z.toJSONSchema(ClinicTableSchema, { io: 'input', unrepresentable: 'any' });
