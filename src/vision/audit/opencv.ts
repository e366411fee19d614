// OpenCV (wasm build from @techstark/opencv-js) loaded once per thread. The module is an Emscripten
// object that is itself a thenable (its own `then` waits for the runtime): a promise resolving to it
// would chain onto that `then` forever. It is handed over inside a wrapper while loading, and its `then`
// is removed once the runtime is up, so async code can return it like any object.
import { createRequire } from 'node:module';
import type { RgbImage } from '../image.js';

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

/** Registers an OpenCV object for deletion when the enclosing withMats() ends. */
export type Keep = <M extends { delete(): void }>(m: M) => M;

/** Runs fn and deletes every OpenCV object it registered, whatever happens: wasm memory is not GC'd. */
export function withMats<T>(fn: (keep: Keep) => T): T {
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

/**
 * Grey, rescaled by `scale`, with local contrast equalisation (CLAHE): dark hair, dim scalp and the
 * exposure and white-balance changes between visits otherwise starve feature matching and ECC alike.
 */
export function equalisedGray(cv: OpenCv, keep: Keep, img: RgbImage, scale: number): InstanceType<OpenCv['Mat']> {
  const rgb = keep(new cv.Mat(img.height, img.width, cv.CV_8UC3));
  rgb.data.set(img.data);
  const gray = keep(new cv.Mat());
  cv.cvtColor(rgb, gray, cv.COLOR_RGB2GRAY);
  let out = gray;
  if (scale !== 1) {
    out = keep(new cv.Mat());
    const size = new cv.Size(Math.max(1, Math.round(img.width * scale)), Math.max(1, Math.round(img.height * scale)));
    cv.resize(gray, out, size, 0, 0, scale < 1 ? cv.INTER_AREA : cv.INTER_CUBIC);
  }
  const clahe = keep(new cv.CLAHE(2.0, new cv.Size(8, 8)));
  const eq = keep(new cv.Mat());
  clahe.apply(out, eq);
  return eq;
}
