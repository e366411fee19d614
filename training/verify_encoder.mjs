// Companion of verify_encoder.py: runs the teacher copy in onnxruntime-node and compares its encoder
// top with the torch activations. Exits non-zero when they differ.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';

const dir = process.argv[2];
const name = readFileSync(join(dir, 'name.txt'), 'utf8');
const buf = readFileSync(join(dir, 'input.f32'));
const input = new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
const session = await ort.InferenceSession.create(join(dir, 'teacher-with-top.onnx'));
const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', input, [1, 3, 512, 512]) }, [name]);
const got = out[name].data;
const rbuf = readFileSync(join(dir, 'torch-top.f32'));
const ref = new Float32Array(rbuf.buffer, rbuf.byteOffset, rbuf.length / 4);
if (got.length !== ref.length) throw new Error(`sizes differ: onnx ${got.length} (${out[name].dims}), torch ${ref.length}`);
let maxAbs = 0;
let maxRef = 0;
for (let i = 0; i < got.length; i++) {
  maxAbs = Math.max(maxAbs, Math.abs(got[i] - ref[i]));
  maxRef = Math.max(maxRef, Math.abs(ref[i]));
}
console.log(`encoder top ${out[name].dims.join('x')}: max |onnx - torch| = ${maxAbs.toExponential(3)} (max |value| ${maxRef.toFixed(3)})`);
if (maxAbs > 1e-3 * Math.max(1, maxRef)) process.exit(1);
