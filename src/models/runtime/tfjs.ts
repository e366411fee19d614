// The one place that owns the TensorFlow.js runtime. @tensorflow/tfjs-node cannot install here (its
// install step downloads libtensorflow), so tfjs runs on its WebAssembly backend, whose .wasm files
// ship inside the npm package: no network, single-threaded in Node (SIMD where the CPU has it), which
// fits the worker pool's one-thread-per-worker budget. tfjs is loaded lazily: only workers that run a
// tfjs model pay for it.
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

const require = createRequire(import.meta.url);

export type Tfjs = typeof import('@tensorflow/tfjs');

let ready: Promise<Tfjs> | undefined;

/** tfjs with the wasm backend selected and initialised (once per thread). */
export function tfjsReady(): Promise<Tfjs> {
  ready ??= init().catch((err: unknown) => {
    ready = undefined;
    throw new Error(`the TensorFlow.js wasm runtime could not start: ${(err as Error).message}`);
  });
  return ready;
}

async function init(): Promise<Tfjs> {
  const tf = require('@tensorflow/tfjs') as Tfjs;
  const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
  // Local files, never a CDN: the package's dist folder holds the three .wasm builds.
  const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  wasm.setWasmPaths(resolve(dist) + '/');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  tf.env().set('PROD', true); // no debug checks of every op's result
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs refused the wasm backend');
  await tf.ready();
  return tf;
}
