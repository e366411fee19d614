// Companion of verify_pan.py: teacher output (onnxruntime-node) vs the torch rebuild.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';

const [dir, teacher] = process.argv.slice(2);
const f32 = (p) => {
  const b = readFileSync(p);
  return new Float32Array(b.buffer, b.byteOffset, b.length / 4);
};
const s = await ort.InferenceSession.create(teacher);
const out = await s.run({ [s.inputNames[0]]: new ort.Tensor('float32', f32(join(dir, 'input.f32')), [1, 3, 512, 512]) });
const got = out[s.outputNames[0]].data;
const ref = f32(join(dir, 'torch.f32'));
let max = 0;
let agree = 0;
for (let i = 0; i < got.length; i++) {
  max = Math.max(max, Math.abs(got[i] - ref[i]));
  if (got[i] > 0.5 === ref[i] > 0.5) agree++;
}
console.log(`teacher vs torch rebuild: max |diff| ${max.toExponential(3)}, threshold agreement ${(agree / got.length).toFixed(6)}`);
if (max > 1e-3) process.exit(1);
