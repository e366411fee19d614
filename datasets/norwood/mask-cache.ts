// Compact on-disk cache of working-grid segmentations (datasets/cache/norwood/masks-<segmenter id>/):
// per photo a little-endian uint16 width, uint16 height, then 4 planes of uint8 probabilities (x255).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../../src/models/paths.js';
import { argmaxLabels } from '../../src/models/segmentation/segmenter.js';
import { SEG_CLASSES, type Segmentation } from '../../src/vision/image.js';
import { photoKey } from './photos.js';

export const NORWOOD_CACHE = resolve(REPO_ROOT, 'datasets', 'cache', 'norwood');

export function maskCacheDir(segId: string): string {
  return resolve(NORWOOD_CACHE, `masks-${segId}`);
}

export function maskCachePath(segId: string, file: string): string {
  return resolve(maskCacheDir(segId), `${photoKey(file)}.u8`);
}

export function encodeSeg(seg: Segmentation): Buffer {
  const buf = Buffer.alloc(4 + seg.probs.length);
  buf.writeUInt16LE(seg.width, 0);
  buf.writeUInt16LE(seg.height, 2);
  for (let i = 0; i < seg.probs.length; i++) buf[4 + i] = Math.round(Math.min(1, Math.max(0, seg.probs[i])) * 255);
  return buf;
}

export function decodeSeg(buf: Buffer): Segmentation {
  const width = buf.readUInt16LE(0);
  const height = buf.readUInt16LE(2);
  const n = SEG_CLASSES.length * width * height;
  if (buf.length !== 4 + n) throw new Error(`mask cache entry: expected ${4 + n} bytes, got ${buf.length}`);
  const probs = new Float32Array(n);
  for (let i = 0; i < n; i++) probs[i] = buf[4 + i] / 255;
  return { width, height, probs, labels: argmaxLabels(probs, SEG_CLASSES.length, width * height) };
}

export function writeCachedSeg(path: string, seg: Segmentation): void {
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, encodeSeg(seg));
}

export function readCachedSeg(path: string): Segmentation | null {
  return existsSync(path) ? decodeSeg(readFileSync(path)) : null;
}
