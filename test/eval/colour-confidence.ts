// Experiment (issue #5, not taken): can a photo's skin-tone confidence pick out the readings that stray
// from the person's other views? Per photo, the deviation |ITA − median of the person's other photos|
// (people with three or more readings) against 19 photo features (skin pixels, ITA IQR and uncertainty,
// L* a* b*, chroma, hue, the white balance's confidence, gain spread and pixels, the view, the hair's L*,
// 1 / distance from ITA's pivot) in a ridge regression on log(1 + deviation), 5 folds by person on the
// train people; prints each feature's and the shipped confidence's Spearman with the deviation, and the
// regression's out of fold and on the held-out people (positive: it ranks the strays higher).
// Input: the per-photo rows of the colour eval (`--rows`), variant 'default'.
//   npm run build && node dist/test/eval/colour.js --people train --variants default --rows /tmp/rows-train.json
//   node dist/test/eval/colour.js --people test --variants default --rows /tmp/rows-test.json
//   node dist/test/eval/colour-confidence.js /tmp/rows-train.json /tmp/rows-test.json
// Result (session 41, 237 train / 71 held-out readings): the shipped confidence −0.07 train, +0.13
// held out (the wrong way: surer photos strayed more); no single feature beyond ±0.25; the regression
// of all features 0.13 out of fold (λ 1; 0.08 at λ 10), 0.26 held out; a 7-feature one −0.14 out of fold.
// Too weak to rank photos by: what moves a reading is each photo's own light, which none of these
// measures. Not taken.
import { readFileSync } from 'node:fs';

// the rows are the eval JSON, read loosely
type Row = any;
const load = (f: string): Row[] => JSON.parse(readFileSync(f, 'utf8')).default;
const VIEWS = ['back', 'front', 'left', 'right', 'top'];
function rowsOf(data: Row[]): { s: string; r: Row; y: number }[] {
  const by = new Map<string, Row[]>();
  for (const r of data) if (r.skinTone) (by.get(r.subject) ?? by.set(r.subject, []).get(r.subject)!).push(r);
  const out: { s: string; r: Row; y: number }[] = [];
  for (const [s, rs] of by) {
    if (rs.length < 3) continue;
    for (const r of rs) {
      const others = rs.filter((o) => o !== r).map((o) => o.skinTone.ita as number).sort((a, b) => a - b);
      const m = others.length % 2 ? others[(others.length - 1) / 2] : (others[others.length / 2 - 1] + others[others.length / 2]) / 2;
      out.push({ s, r, y: Math.abs(r.skinTone.ita - m) });
    }
  }
  return out;
}
function feats(r: Row): number[] {
  const t = r.skinTone, [L, a, b] = t.lab, wb = r.whiteBalance, g = wb.gains;
  const hairL = r.hairColour ? r.hairColour.lightness : 30;
  return [
    Math.log(t.pixels), t.itaIqr, t.itaUncertainty, L, a, b, Math.hypot(a, b), t.hueAngle,
    wb.confidence, Math.log(Math.max(...g) / Math.min(...g)), Math.log(wb.pixels + 1),
    ...VIEWS.map((v) => (r.view === v ? 1 : 0)), hairL, r.hairColour ? 1 : 0, 1 / Math.hypot(L - 50, b), r.confidence,
  ];
}
const NAMES = ['logPx', 'iqr', 'unc', 'L', 'a', 'b', 'C', 'h', 'wbConf', 'gainSpread', 'wbPx', ...VIEWS, 'hairL', 'hasHair', 'invPivot', 'conf'];
function rank(v: number[]): number[] { const idx = v.map((x, i) => [x, i]).sort((p, q) => p[0] - q[0]); const r = new Array<number>(v.length); idx.forEach(([, i], k) => (r[i] = k)); return r; }
function spearman(x: number[], y: number[]): number { const rx = rank(x), ry = rank(y); const n = x.length; const mx = (n - 1) / 2; let sxy = 0, sxx = 0, syy = 0; for (let i = 0; i < n; i++) { sxy += (rx[i] - mx) * (ry[i] - mx); sxx += (rx[i] - mx) ** 2; syy += (ry[i] - mx) ** 2; } return sxy / Math.sqrt(sxx * syy); }
function solve(A: number[][], bv: number[]): number[] { const n = bv.length; const M = A.map((row, i) => [...row, bv[i]]); for (let c = 0; c < n; c++) { let p = c; for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r; [M[c], M[p]] = [M[p], M[c]]; for (let r = 0; r < n; r++) if (r !== c) { const f = M[r][c] / M[c][c]; for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k]; } } return M.map((row, i) => row[n] / row[i]); }
function fit(X: number[][], y: number[], lambda: number, cols: number[]) {
  const Z = X.map((x) => cols.map((c) => x[c]));
  const d = cols.length; const mu = new Array(d).fill(0), sd = new Array(d).fill(0);
  for (const z of Z) z.forEach((v, j) => (mu[j] += v / Z.length));
  for (const z of Z) z.forEach((v, j) => (sd[j] += (v - mu[j]) ** 2 / Z.length));
  sd.forEach((v, j) => (sd[j] = Math.sqrt(v) || 1));
  const S = Z.map((z) => [1, ...z.map((v, j) => (v - mu[j]) / sd[j])]);
  const A = Array.from({ length: d + 1 }, () => new Array(d + 1).fill(0)); const bv = new Array(d + 1).fill(0);
  S.forEach((s, i) => { for (let p = 0; p <= d; p++) { bv[p] += s[p] * y[i]; for (let q = 0; q <= d; q++) A[p][q] += s[p] * s[q]; } });
  for (let p = 1; p <= d; p++) A[p][p] += lambda;
  const w = solve(A, bv);
  return { w, mu, sd, cols, predict: (x: number[]) => w[0] + cols.reduce((acc, c, j) => acc + w[j + 1] * (x[c] - mu[j]) / sd[j], 0) };
}
const [trainFile, testFile] = process.argv.slice(2);
if (!trainFile || !testFile) throw new Error('usage: node dist/test/eval/colour-confidence.js ROWS_TRAIN.json ROWS_TEST.json');
const train = rowsOf(load(trainFile)), test = rowsOf(load(testFile));
const Xtr = train.map((o) => feats(o.r)), ytr = train.map((o) => Math.log1p(o.y));
const Xte = test.map((o) => feats(o.r)), yte = test.map((o) => Math.log1p(o.y));
console.log('train rows', train.length, 'test rows', test.length);
const C = NAMES.indexOf('conf');
console.log('current confidence vs deviation, Spearman (want negative): train', spearman(Xtr.map((x) => x[C]), ytr).toFixed(3), 'test', spearman(Xte.map((x) => x[C]), yte).toFixed(3));
for (let j = 0; j < NAMES.length; j++) console.log('  ', NAMES[j].padEnd(11), 'train', spearman(Xtr.map((x) => x[j]), ytr).toFixed(3), 'test', spearman(Xte.map((x) => x[j]), yte).toFixed(3));
const subjects = [...new Set(train.map((o) => o.s))].sort();
const foldOf = new Map(subjects.map((s, i) => [s, i % 5]));
for (const [name, cols] of <[string, number[]][]>[['all', NAMES.map((_, j) => j).filter((j) => j !== C)], ['small', ['logPx', 'iqr', 'wbConf', 'gainSpread', 'invPivot', 'top', 'front'].map((n) => NAMES.indexOf(n))], ['tiny', ['iqr', 'invPivot', 'logPx'].map((n) => NAMES.indexOf(n))]]) {
  for (const lambda of [1, 10, 50]) {
    const oof = new Array<number>(train.length);
    for (let f = 0; f < 5; f++) {
      const idx = train.flatMap((o, i) => (foldOf.get(o.s) !== f ? [i] : []));
      const m = fit(idx.map((i) => Xtr[i]), idx.map((i) => ytr[i]), lambda, cols);
      train.forEach((o, i) => { if (foldOf.get(o.s) === f) oof[i] = m.predict(Xtr[i]); });
    }
    const m = fit(Xtr, ytr, lambda, cols);
    console.log(name.padEnd(6), 'lambda', lambda, 'OOF Spearman', spearman(oof, ytr).toFixed(3), 'test', spearman(Xte.map((x) => m.predict(x)), yte).toFixed(3), lambda === 10 ? JSON.stringify(cols.map((c, j) => [NAMES[c], +m.w[j + 1].toFixed(3)])) : '');
  }
}
