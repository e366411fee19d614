import { describe, expect, it } from 'vitest';
import { ClinicTableSchema, parseClinicTable, ClinicTableError } from '../../../../src/plan/recommend/schema.js';
import { DEFAULT_CLINIC_TABLE } from '../../../../src/plan/recommend/default-table.js';

const clone = () => structuredClone(DEFAULT_CLINIC_TABLE) as Record<string, any>;

describe('clinic table schema', () => {
  it('accepts the default table, every row with a reason', () => {
    expect(ClinicTableSchema.safeParse(DEFAULT_CLINIC_TABLE).success).toBe(true);
    for (const row of DEFAULT_CLINIC_TABLE.dilution.rows) expect(row.reason.length).toBeGreaterThan(10);
    for (const s of DEFAULT_CLINIC_TABLE.densitySchedule) expect(s.reason).toMatch(/Liu 2025|DOMAIN/);
    expect(DEFAULT_CLINIC_TABLE.densitySchedule.map((s) => s.cumulativeFraction)).toEqual([0.3, 0.7, 1]);
  });

  it.each([
    ['a missing reason', (t: Record<string, any>) => delete t.naturalDensity.reason, /reason/],
    ['a density that falls', (t: Record<string, any>) => (t.densitySchedule[1].cumulativeFraction = 0.2), /must not fall/],
    ['a default pigment not in the catalogue', (t: Record<string, any>) => (t.defaultPigment = 'nope'), /no pigment with id "nope"/],
    ['duplicate pigment ids', (t: Record<string, any>) => t.pigments.push({ ...t.pigments[0] }), /unique/],
    ['a missing ITA row', (t: Record<string, any>) => t.dilution.rows.pop(), /6/],
    ['two rows for one category', (t: Record<string, any>) => (t.dilution.rows[1].itaCategory = 'very light'), /one row per ITA category/],
    ['hair cut points out of order', (t: Record<string, any>) => (t.hairGroups.brownBelow = 10), /blackBelow < darkBrownBelow < brownBelow/],
    ['an interval with min > max', (t: Record<string, any>) => (t.intervalDays.default.min = 30), /min must not exceed max/],
    ['a needle too thick', (t: Record<string, any>) => (t.needles.hairline.needle.diameterMm = 2), /diameterMm/],
    ['an unknown key', (t: Record<string, any>) => (t.colour = 'red'), /colour/],
    ['a goal that places no dots', (t: Record<string, any>) => (t.goals.density.densityScale = 0), /densityScale must be above 0/],
    ['a first session with no dots', (t: Record<string, any>) => (t.densitySchedule[0].cumulativeFraction = 0), /first session must place dots/],
    ['an empty schedule', (t: Record<string, any>) => (t.densitySchedule = []), /densitySchedule/],
    // the report prints these: a 30,000-character needle code took an analysis past its time limit
    ['a needle code of 33 characters', (t: Record<string, any>) => (t.needles.fill.default.needle.code = 'N'.repeat(33)), /needles\.fill\.default\.needle\.code/],
    ['a pigment name of 101 characters', (t: Record<string, any>) => (t.pigments[0].name = 'P'.repeat(101)), /pigments\[0\]\.name|pigments\.0\.name/],
    ['a reason of 1,001 characters', (t: Record<string, any>) => (t.naturalDensity.reason = 'why '.repeat(251)), /naturalDensity\.reason/],
  ])('rejects %s with a readable message', (_name, mutate, message) => {
    const t = clone();
    mutate(t);
    expect(() => parseClinicTable(t)).toThrow(ClinicTableError);
    expect(() => parseClinicTable(t)).toThrow(message);
  });

  it('fills catalogue defaults (hairGroups/skinCategories = any)', () => {
    const t = clone();
    t.pigments = [{ id: 'x', name: 'X', undertone: 'neutral' }];
    t.defaultPigment = 'x';
    const parsed = parseClinicTable(t);
    expect(parsed.pigments[0].hairGroups).toEqual([]);
    expect(parsed.pigments[0].skinCategories).toEqual([]);
  });
});
