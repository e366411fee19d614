// OpenCV (wasm build from @techstark/opencv-js) loaded once per thread. The module is an Emscripten
// object that is itself a thenable (its own `then` waits for the runtime): a promise resolving to it
// would chain onto that `then` forever. It is handed over inside a wrapper while loading, and its `then`
// is removed once the runtime is up, so async code can return it like any object.
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
      const ready = () => {
        delete (mod as { then?: unknown }).then;
        resolveLoad({ cv: mod });
      };
      if (typeof (mod as { Mat?: unknown }).Mat === 'function') ready();
      else mod.onRuntimeInitialized = ready;
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
