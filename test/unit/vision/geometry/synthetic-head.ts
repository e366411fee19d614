// Synthetic segmentations of a drawn head with known bald zones, for geometry, Norwood and Ludwig tests.
// Coordinates: u across the head (-1 = image left, +1 = image right), v from the back/top of the head
// (-1) to the front/forehead (+1) in a top view. Probabilities are near one-hot (0.97).
import { argmaxLabels } from '../../../../src/models/segmentation/segmenter.js';
import { rotatePlaneCcw } from '../../../../src/vision/geometry/planes.js';
import type { Segmentation } from '../../../../src/vision/image.js';

export type Cls = 0 | 1 | 2 | 3; // background, skin, hair, scar

export interface HeadDrawing {
  view: 'top' | 'front' | 'back' | 'left' | 'right';
  size?: number;
  /** which scalp points are bald (skin); default none */
  bald?: (u: number, v: number) => boolean;
  /** which scalp points are scar */
  scar?: (u: number, v: number) => boolean;
}

function fromLabels(cls: Uint8Array, size: number): Segmentation {
  const n = size * size;
  const probs = new Float32Array(4 * n);
  for (let i = 0; i < n; i++) for (let c = 0; c < 4; c++) probs[c * n + i] = c === cls[i] ? 0.97 : 0.01;
  return { width: size, height: size, probs, labels: argmaxLabels(probs, 4, n) };
}

/** A head seen from the given view on a square frame, its body/face continuing out of the bottom edge. */
export function drawHead(d: HeadDrawing): Segmentation {
  const size = d.size ?? 128;
  const s = size / 128;
  const cls = new Uint8Array(size * size);
  const bald = d.bald ?? (() => false);
  const scar = d.scar ?? (() => false);
  const scalp = (u: number, v: number): Cls => (scar(u, v) ? 3 : bald(u, v) ? 1 : 2);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const X = (x + 0.5) / s;
      const Y = (y + 0.5) / s;
      let c: Cls = 0;
      if (d.view === 'top') {
        const u = (X - 64) / 42;
        const v = (Y - 58) / 48;
        if (u * u + v * v <= 1) c = scalp(u, v);
        else if (((X - 64) / 24) ** 2 + ((Y - 116) / 16) ** 2 <= 1) c = 1; // forehead and nose below
      } else if (d.view === 'front') {
        // skull top arc above, forehead and face down to the bottom edge
        const u = (X - 64) / 46;
        const v = (Y - 70) / 58; // top of head at Y = 12
        if (u * u + v * v <= 1 && Y < 70) c = scalp(u, -1 + (Y - 12) / 58 * 1.6);
        else if (Math.abs(X - 64) <= 46 * Math.sqrt(Math.max(0, 1 - ((Y - 70) / 90) ** 2)) && Y >= 70) c = 1;
      } else if (d.view === 'back') {
        const u = (X - 64) / 44;
        const v = (Y - 62) / 50;
        if (u * u + v * v <= 1) c = Y > 96 ? 1 : scalp(u, -1 + (Y - 12) / 84);
        else if (Math.abs(X - 64) < 22 && Y > 96) c = 1; // neck
      } else {
        // profile facing left: cranium ellipse, face below-left, neck down
        const u = (X - 70) / 44;
        const v = (Y - 56) / 42;
        const face = ((X - 42) / 24) ** 2 + ((Y - 92) / 36) ** 2 <= 1;
        const neck = Math.abs(X - 74) < 20 && Y > 90;
        if (u * u + v * v <= 1 && !(face && Y > 70)) c = Y > 84 ? 1 : scalp(u, v);
        else if (face || neck) c = 1;
        if (d.view === 'right') {
          // drawn facing left, mirrored below
        }
      }
      cls[y * size + x] = c;
    }
  }
  if (d.view === 'right') {
    const m = new Uint8Array(cls.length);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) m[y * size + x] = cls[y * size + size - 1 - x];
    return fromLabels(m, size);
  }
  return fromLabels(cls, size);
}

/** The segmentation turned clockwise by deg (the orientation such a photo has). */
export function turnClockwise(seg: Segmentation, deg: 0 | 90 | 180 | 270): Segmentation {
  const k = (4 - deg / 90) % 4; // clockwise by q = counter-clockwise by 4 - q
  const n = seg.width * seg.height;
  let w = seg.width;
  let h = seg.height;
  const probs = new Float32Array(4 * n);
  for (let c = 0; c < 4; c++) {
    const r = rotatePlaneCcw(seg.probs.slice(c * n, (c + 1) * n), seg.width, seg.height, k);
    probs.set(r.data, c * n);
    w = r.width;
    h = r.height;
  }
  return { width: w, height: h, probs, labels: argmaxLabels(probs, 4, n) };
}

/** A frame of one class only. */
export function flat(cls: Cls, size = 128): Segmentation {
  return fromLabels(new Uint8Array(size * size).fill(cls), size);
}
