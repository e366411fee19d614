import * as ort from 'onnxruntime-node';
import { readFileSync, readdirSync, unlinkSync } from 'node:fs';
const [file, size] = [process.argv[2], Number(process.argv[3])];
const s = await ort.InferenceSession.create(file, { intraOpNumThreads: 2, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential', enableProfiling: true, profileFilePrefix: '/tmp/ortprof' });
const x = new ort.Tensor('float32', new Float32Array(3 * size * size).fill(0.1), [1, 3, size, size]);
for (let i = 0; i < 12; i++) await s.run({ [s.inputNames[0]]: x });
const out = s.endProfiling();
const f = readdirSync('/tmp').filter((n) => n.startsWith('ortprof')).map((n) => '/tmp/' + n).sort().pop();
const ev = JSON.parse(readFileSync(f, 'utf8'));
const by = {};
let tot = 0;
for (const e of ev) if (e.cat === 'Node' && e.name.endsWith('_kernel_time')) { const k = e.args.op_name; by[k] = (by[k] ?? 0) + e.dur; tot += e.dur; }
console.log(file, 'total per run ms', (tot / 12 / 1000).toFixed(1));
console.log(Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k} ${(v / 12 / 1000).toFixed(1)}`).join(' | '));
unlinkSync(f);
