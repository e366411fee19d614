// Clinic tables are clinic input: any JSON a clinic sends is either refused with a ClinicTableError (a
// 400 naming the rule) or gives a recommendation for every consultation, with finite numbers. Seeded
// mutations of the default table (a leaf replaced or deleted, one to three at a time) check both; this
// found goals with densityScale 0 and schedules holding their density, which failed consultations.
import { describe, expect, it } from 'vitest';
import { clinicTableFrom, DEFAULT_CLINIC_TABLE, planSessionFields, recommend, type RecommendInput } from '../../../../src/plan/recommend/index.js';
import { ClinicTableError } from '../../../../src/plan/recommend/schema.js';
import { mulberry32 } from '../../../../src/vision/audit/synth/rng.js';

type Path = (string | number)[];
const random = mulberry32(20261123);
const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)];

function leafPaths(x: unknown, path: Path = []): Path[] {
  if (x === null || typeof x !== 'object') return [path];
  const entries = Object.entries(x as object).flatMap(([k, v]) => leafPaths(v, [...path, Array.isArray(x) ? Number(k) : k]));
  return path.length ? [path, ...entries] : entries;
}

function mutated(value: unknown): unknown {
  const options: unknown[] = [0, -1, 0.5, 3.7, 1000, 1e308, -1e-9, '', 'x', 'ẞ'.repeat(300), null, true, [], {}, [value, value]];
  if (typeof value === 'number') options.push(value * 2, value / 1000, -value, Math.round(value) + 1, value, value);
  if (Array.isArray(value)) options.push(value.slice(0, 1), [...value].reverse(), [...value, ...value]);
  return pick(options);
}

function mutate(table: Record<string, unknown>): string[] {
  const done: string[] = [];
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    const path = pick(leafPaths(table));
    const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], table);
    const key = path.at(-1)!;
    if (random() < 0.2) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      done.push(`${path.join('.')} deleted`);
    } else {
      parent[key] = mutated(parent[key]);
      done.push(`${path.join('.')} = ${JSON.stringify(parent[key])?.slice(0, 40)}`);
    }
  }
  return done;
}

const inputs: RecommendInput[] = [{ skinTone: null, hairColour: null, contrast: null }];
for (const ita of [-40, 5, 30, 50, 75]) {
  for (const lightness of [8, 30, 60, 90]) {
    for (const level of [null, 2, 6]) {
      inputs.push({
        skinTone: { ita, confidence: random(), undertone: pick(['warm', 'neutral', 'cool'] as const) },
        hairColour: { lightness, greyFraction: random(), confidence: random() },
        contrast: { deltaE00: random() * 80 },
        norwood: { level },
        sex: pick(['male', 'female'] as const),
        age: 18 + Math.floor(random() * 70),
        goals: pick([undefined, 'shaved look', 'more density', 'hide my scar']),
        scars: random() < 0.5 ? [] : [{ kind: pick(['linear', 'punctate', 'irregular'] as const), ageMonths: Math.floor(random() * 40), raised: random() < 0.3, tone: pick(['paler', 'similar', 'darker', 'red'] as const), areaCm2: random() * 30 }],
      });
    }
  }
}

describe('clinic tables from mutations of the default', () => {
  it('are refused with a ClinicTableError or recommend for every consultation with finite numbers', () => {
    let accepted = 0;
    for (let n = 0; n < 1500; n++) {
      const table = structuredClone(DEFAULT_CLINIC_TABLE) as unknown as Record<string, unknown>;
      const what = mutate(table).join(', ');
      let parsed;
      try {
        parsed = clinicTableFrom(table);
      } catch (err) {
        expect(err, what).toBeInstanceOf(ClinicTableError);
        continue;
      }
      accepted++;
      for (const input of inputs) {
        let rec;
        try {
          rec = recommend(input, parsed);
        } catch (err) {
          throw new Error(`recommend failed on a table with ${what}: ${(err as Error).message}`);
        }
        expect(JSON.stringify(rec), what).not.toMatch(/NaN|Infinity|null,"reason"/);
        expect(rec.sessions.length, what).toBe(rec.sessionCount.value);
        for (const s of rec.sessions) {
          expect(s.zones.length, what).toBeGreaterThan(0);
          expect(Number.isFinite(planSessionFields(s).densityPerCm2), what).toBe(true);
        }
      }
    }
    // enough tables get through for the second half to mean something
    expect(accepted).toBeGreaterThan(100);
  });
});
