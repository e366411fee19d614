import { ScalpSegmenter } from '../../dist/src/models/scalp-seg/scalp-segmenter.js';
import { PanTeacher } from '../../dist/src/models/pan-teacher/pan-teacher.js';
import { readRgbImage } from '../../dist/src/models/scalp-seg/read-image.js';
const img = await readRgbImage('/work/shared/data/hair-seg-samples/image/0.png');
const dirs = process.argv.slice(2);
const t = await PanTeacher.load(undefined, { intraOpThreads: 2 });
const ms = await Promise.all(dirs.map((d) => ScalpSegmenter.load(d, { intraOpThreads: 2 })));
const outs = [];
for (const m of ms) outs.push(await m.raw(img));
let maxd = 0; for (let i = 0; i < outs[0].length; i++) maxd = Math.max(maxd, Math.abs(outs[0][i] - outs[outs.length - 1][i]));
console.log('max |diff| first vs last', maxd.toExponential(2));
for (let i = 0; i < 3; i++) { for (const m of ms) await m.raw(img); await t.raw(img); }
const r = ms.map(() => []), rt = [];
for (let i = 0; i < 10; i++) { for (const [k, m] of ms.entries()) { const s = performance.now(); await m.raw(img); r[k].push(performance.now() - s); } const s = performance.now(); await t.raw(img); rt.push(performance.now() - s); }
const med = (x) => [...x].sort((p, q) => p - q)[5];
for (const [k, d] of dirs.entries()) console.log(d, ms[k].contract.input.size, 'ours', med(r[k]).toFixed(1), 'teacher', med(rt).toFixed(1), 'ratio', (med(r[k]) / med(rt)).toFixed(3));
