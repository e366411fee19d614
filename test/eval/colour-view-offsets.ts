// Experiment (issue #5, not taken): does a view read systematically lighter or darker (top views under
// overhead light, backs in shade), so that an offset per view would bring a person's readings together?
// Fits ITA = person + view offset (two-way additive, alternating means) and prints the person ITA SD
// median without offsets, with offsets fitted on everyone (in sample), and with offsets fitted on the
// other folds (5 folds by person, seeded): only the last says what a shipped offset would do.
// Input: the per-photo rows of the colour eval (`--rows`), variant 'default'.
//   npm run eval:colour -- --people train --prebalance --rows /tmp/rows.json
//   node dist/test/eval/colour-view-offsets.js /tmp/rows.json
// Result (2026-11-23, train people, 266 readings of 71 people with two or more): offsets back −2.4°,
// front +2.5°, left −1.2°, right +3.2°, top −2.1°; person SD 9.1° without, 9.4° in sample, 9.5° out of
// fold. The views carry no bias worth undoing: the spread is each photo's own light. Not taken.
import { readFileSync } from 'node:fs';
import { sampleSd, quantile } from '../helpers/eval-stats.js';

interface Row {
  subject: string;
  view: string;
  ita: { orig: number | null };
}

type Offsets = Map<string, number>;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function fitOffsets(people: Row[][]): Offsets {
  let offsets: Offsets = new Map();
  for (let iter = 0; iter < 50; iter++) {
    const byView = new Map<string, number[]>();
    for (const rs of people) {
      const level = mean(rs.map((r) => r.ita.orig! - (offsets.get(r.view) ?? 0)));
      for (const r of rs) byView.set(r.view, [...(byView.get(r.view) ?? []), r.ita.orig! - level]);
    }
    const raw = new Map([...byView].map(([v, xs]) => [v, mean(xs)]));
    const centre = mean([...raw.values()]);
    offsets = new Map([...raw].map(([v, o]) => [v, o - centre]));
  }
  return offsets;
}

const personSd = (rs: Row[], offsets: Offsets) => sampleSd(rs.map((r) => r.ita.orig! - (offsets.get(r.view) ?? 0)));

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node dist/test/eval/colour-view-offsets.js <rows.json from eval:colour --rows>');
  const rows = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Row[]>).default.filter((r) => r.ita.orig !== null);
  const bySubject = new Map<string, Row[]>();
  for (const r of rows) bySubject.set(r.subject, [...(bySubject.get(r.subject) ?? []), r]);
  const people = [...bySubject.values()].filter((rs) => rs.length >= 2);
  const none: Offsets = new Map();
  const all = fitOffsets(people);
  // 5 folds by person, in a seeded order
  let seed = 1;
  const order = people.map((p) => ({ p, k: (seed = (seed * 48271) % 2147483647) })).sort((a, b) => a.k - b.k).map((x) => x.p);
  const outOfFold: number[] = [];
  for (let f = 0; f < 5; f++) {
    const held = order.filter((_, i) => i % 5 === f);
    const offsets = fitOffsets(order.filter((_, i) => i % 5 !== f));
    for (const rs of held) outOfFold.push(personSd(rs, offsets));
  }
  console.log(`${rows.length} readings, ${people.length} people with two or more`);
  console.log('view offsets (fitted on everyone):', Object.fromEntries([...all].map(([v, o]) => [v, +o.toFixed(2)])));
  const line = (name: string, sds: number[]) => console.log(`${name.padEnd(26)} person ITA SD median ${quantile(sds, 0.5).toFixed(1)}°  p90 ${quantile(sds, 0.9).toFixed(1)}°`);
  line('no offsets', people.map((rs) => personSd(rs, none)));
  line('offsets, in sample', people.map((rs) => personSd(rs, all)));
  line('offsets, out of fold', outOfFold);
}

main();
