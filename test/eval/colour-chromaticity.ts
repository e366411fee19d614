// Experiment (issue #5, not taken): read ITA from the skin's chromaticity, which exposure does not move.
// Scaling a photo's linear light by k scales CIELAB's L* + 16, a* and b* all by k^(1/3) (cube-root
// branch), so a* / (L* + 16) and b* / (L* + 16) are free of exposure, the largest cause of a person's
// spread across views. If skin chromaticity tracked melanin well, ITA predicted from it (least squares,
// fitted to each train person's median measured ITA) would spread less across one person's views and
// still tell people apart.
// Prints, for the measured ITA, the prediction and blends of the two: the person ITA SD median, ICC(1) and
// the SD of person means. A prediction that only pulls everyone towards the mean lowers the SD and the
// between-person SD together and leaves the ICC where it was: that is not a better reading.
// Input: the per-photo rows of the colour eval (`--rows`), variant 'default', train and test people.
//   npm run eval:colour -- --people train --prebalance --variants default --rows /tmp/rows-train.json
//   npm run eval:colour -- --people test --prebalance --variants default --rows /tmp/rows-test.json
//   node dist/test/eval/colour-chromaticity.js /tmp/rows-train.json /tmp/rows-test.json
// Result (2026-11-24, the rows of session 41: 267 train readings of 77 people, 73 test readings of 19):
//   measured                              train SD 9.4°, ICC 0.61, between-person SD 22.7°; test 10.8°, 0.31, 12.1°
//   chromaticity (train out of fold, 5 folds by person)  train 5.5°, 0.55, 10.3°; test 4.7°, 0.31, 6.0°
//   blend ½ measured + ½ chromaticity     test 8.3°, 0.33, 8.7°
// The prediction follows the person's median measured ITA at only r = 0.49 (train, out of fold) / 0.53
// (test): it halves the spread by halving the range between people, and the ICC does not move. Not taken.
import { readFileSync } from 'node:fs';
import { icc, quantile, sampleSd } from '../helpers/eval-stats.js';

interface Row {
  subject: string;
  skinTone: { ita: number; lab: [number, number, number] } | null;
}

interface Reading {
  subject: string;
  ita: number;
  x: number[]; // 1, a*/(L*+16), b*/(L*+16)
}

function readRows(file: string): Reading[] {
  const rows = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Row[]>).default;
  return rows
    .filter((r) => r.skinTone !== null)
    .map((r) => {
      const [L, a, b] = r.skinTone!.lab;
      return { subject: r.subject, ita: r.skinTone!.ita, x: [1, a / (L + 16), b / (L + 16)] };
    });
}

const median = (xs: number[]) => quantile(xs, 0.5);

function personMedians(rs: Reading[]): Map<string, number> {
  const by = new Map<string, number[]>();
  for (const r of rs) by.set(r.subject, [...(by.get(r.subject) ?? []), r.ita]);
  return new Map([...by].map(([s, v]) => [s, median(v)]));
}

/** Least squares by the normal equations (3 unknowns), solved by Gaussian elimination. */
function fit(rs: Reading[], target: Map<string, number>): number[] {
  const n = rs[0].x.length;
  const A = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
  for (const r of rs) {
    const y = target.get(r.subject)!;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) A[i][j] += r.x[i] * r.x[j];
      A[i][n] += r.x[i] * y;
    }
  }
  for (let c = 0; c < n; c++) {
    const p = A.slice(c).reduce((best, row, i) => (Math.abs(row[c]) > Math.abs(A[best][c]) ? c + i : best), c);
    [A[c], A[p]] = [A[p], A[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= n; k++) A[r][k] -= f * A[c][k];
    }
  }
  return A.map((row, i) => row[n] / row[i]);
}

const predict = (w: number[], r: Reading) => w.reduce((s, wi, i) => s + wi * r.x[i], 0);

function summary(name: string, rs: Reading[], values: number[]): void {
  const by = new Map<string, number[]>();
  rs.forEach((r, i) => by.set(r.subject, [...(by.get(r.subject) ?? []), values[i]]));
  const groups = [...by.values()].filter((g) => g.length >= 2);
  const rel = icc(groups);
  console.log(
    `${name.padEnd(34)} person ITA SD median ${median(groups.map(sampleSd)).toFixed(1)}°  ICC ${rel.icc.toFixed(2)}  between-person SD ${rel.betweenSd.toFixed(1)}°`,
  );
}

function correlation(a: number[], b: number[]): number {
  const ma = a.reduce((s, v) => s + v, 0) / a.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

function main(): void {
  const [trainFile, testFile] = process.argv.slice(2);
  if (!trainFile || !testFile) throw new Error('usage: node dist/test/eval/colour-chromaticity.js <train rows.json> <test rows.json>');
  const train = readRows(trainFile);
  const test = readRows(testFile);
  const trainTarget = personMedians(train);

  // 5 folds by person, in a seeded order
  let seed = 1;
  const people = [...trainTarget.keys()].map((p) => ({ p, k: (seed = (seed * 48271) % 2147483647) })).sort((a, b) => a.k - b.k).map((x) => x.p);
  const oof = new Array<number>(train.length);
  for (let f = 0; f < 5; f++) {
    const held = new Set(people.filter((_, i) => i % 5 === f));
    const w = fit(train.filter((r) => !held.has(r.subject)), trainTarget);
    train.forEach((r, i) => held.has(r.subject) && (oof[i] = predict(w, r)));
  }
  const w = fit(train, trainTarget);
  const onTest = test.map((r) => predict(w, r));
  const testTarget = personMedians(test);

  console.log(`${train.length} train readings (${trainTarget.size} people), ${test.length} test readings (${testTarget.size} people)`);
  summary('train measured', train, train.map((r) => r.ita));
  summary('train chromaticity, out of fold', train, oof);
  console.log(`  r with the person's median measured ITA ${correlation(oof, train.map((r) => trainTarget.get(r.subject)!)).toFixed(2)}`);
  summary('test measured', test, test.map((r) => r.ita));
  summary('test chromaticity', test, onTest);
  console.log(`  r with the person's median measured ITA ${correlation(onTest, test.map((r) => testTarget.get(r.subject)!)).toFixed(2)}`);
  for (const alpha of [0.3, 0.5, 0.7]) summary(`test blend ${alpha} chromaticity`, test, test.map((r, i) => alpha * onTest[i] + (1 - alpha) * r.ita));
}

main();
