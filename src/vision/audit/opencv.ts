// OpenCV (wasm build from @techstark/opencv-js) loaded once per thread. The module is an Emscripten
// object that is itself a thenable, so it is never returned from a promise directly (awaiting it would
// chain onto its own `then`); it is handed over inside a wrapper instead.
import { createRequire } from 'node:module';

export type OpenCv = typeof import('@techstark/opencv-js');

let loading: Promise<{ cv: OpenCv }> | undefined;
let loaded: OpenCv | undefined;

/** Loads (first call, ~0.4-1 s) or returns the thread's OpenCV instance. */
export async function loadOpenCv(): Promise<OpenCv> {
  if (loaded) return loaded;
  loading ??= new Promise<{ cv: OpenCv }>((resolveLoad, reject) => {
    try {
      const mod = createRequire(import.meta.url)('@techstark/opencv-js') as OpenCv & { onRuntimeInitialized?: () => void };
      if (typeof (mod as { Mat?: unknown }).Mat === 'function') resolveLoad({ cv: mod });
      else mod.onRuntimeInitialized = () => resolveLoad({ cv: mod });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
  const { cv } = await loading;
  loaded = cv;
  return cv;
}

/** The instance, once loadOpenCv() has resolved in this thread (the audit's synchronous parts use it). */
export function openCv(): OpenCv {
  if (!loaded) throw new Error('OpenCV is not loaded in this thread yet: await loadOpenCv() first');
  return loaded;
}

/** Runs fn and deletes every OpenCV object it registered, whatever happens: wasm memory is not GC'd. */
export function withMats<T>(fn: (keep: <M extends { delete(): void }>(m: M) => M) => T): T {
  const owned: { delete(): void }[] = [];
  try {
    return fn((m) => {
      owned.push(m);
      return m;
    });
  } finally {
    for (const m of owned.reverse()) m.delete();
  }
}
