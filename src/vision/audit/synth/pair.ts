// Synthetic before/after pairs with known answers, for tests and the audit evaluation. A scene (a real
// scalp photo when given, else procedural skin with stubble) gets a scar painted in linear light (paler,
// smoother, hairless, soft border); the "after" adds pigment dots of known transmittance inside the scar
// (optionally one of the failure modes), is seen through a known similarity transform (rotation,
// shift, scale) with a small exposure change and sensor noise. The truth (ΔE of scar core vs ring on
// the clean, unwarped images) is measured here, independently of the audit code.
import { deltaE00, deltaE76, labToLinear, linearToLab, SRGB_TO_LINEAR, type Lab } from '../../colour/convert.js';
import type { GrayImage, RgbImage } from '../../image.js';
import { applyHomography, similarity, type Homography } from '../homography.js';
import { boxBlur, encodeSrgb8, sampleBilinear, toLinear, toSrgb, type LinearImage } from './linear-image.js';
import { gauss, mulberry32, uniform, type Rng } from './rng.js';
import { randomShape, signedDistance, type ScarShape } from './shapes.js';

export type SynthFailure = 'none' | 'blowout' | 'helmet' | 'blue-green' | 'too-dark';

export interface PigmentSpec {
  /** Dots per 1000 px² inside the scar. */
  dotsPer1000Px2: number;
  /** Dot radius, px. */
  radiusPx: number;
  /** Fraction of light each channel keeps under a dot's centre (1 = no ink). Equal = neutral ink. */
  transmittance: [number, number, number];
}

export interface SynthSpec {
  seed: number;
  width: number;
  height: number;
  shape: ScarShape;
  /** Scar tissue reflectance relative to the (smoothed) skin, per channel: > 1 paler. */
  scarGain: [number, number, number];
  featherPx: number;
  pigment: PigmentSpec;
  failure: SynthFailure;
  /** Extra visits after "after": each keeps (1 - fadePerVisit) of the ink's absorbance. */
  visits: number;
  fadePerVisit: number;
  transform: { rotationDeg: number; scale: number; shiftX: number; shiftY: number };
  exposure: number;
  noiseSigma: number;
  /** Skin colour of the procedural scene (ignored with a real scene). */
  skinLab: Lab;
  stubblePer1000Px2: number;
}

export interface RegionTruth {
  scarLab: Lab;
  ringLab: Lab;
  deltaE76: number;
  deltaE00: number;
  dL: number;
  da: number;
  db: number;
}

export interface SynthPair {
  spec: SynthSpec;
  before: RgbImage;
  after: RgbImage;
  visits: RgbImage[];
  /** 255 inside the scar (signed distance <= 0), in before-photo pixels. */
  scarMask: GrayImage;
  /** after-photo pixels -> before-photo pixels. */
  trueTransform: Homography;
  truth: {
    before: RegionTruth;
    after: RegionTruth;
    visits: RegionTruth[];
    ringGapPx: number;
    ringWidthPx: number;
    thicknessPx: number;
    /** Pigment dots placed in the scar of the after photo. */
    afterDots: number;
  };
}

export interface RandomSpecOptions {
  width?: number;
  height?: number;
  failure?: SynthFailure;
  maxShiftFraction?: number;
  maxRotationDeg?: number;
  visits?: number;
  /** Scar centre (before pixels); random near the centre when omitted. */
  centre?: [number, number];
  kind?: ScarShape['kind'];
}

/** A random spec whose after-ΔE spreads over all four Cheon bands. */
export function randomSpec(seed: number, o: RandomSpecOptions = {}): SynthSpec {
  const rng = mulberry32(seed);
  const width = o.width ?? 512;
  const height = o.height ?? 512;
  const side = Math.min(width, height);
  const centre = o.centre ?? [width / 2 + uniform(rng, -0.1, 0.1) * width, height / 2 + uniform(rng, -0.1, 0.1) * height];
  const shape = randomShape(rng, centre[0], centre[1], side, o.kind);
  const pale = uniform(rng, 1.02, 1.9);
  const scarGain: [number, number, number] = [pale * uniform(rng, 0.95, 1.05), pale * uniform(rng, 1.0, 1.15), pale * uniform(rng, 1.0, 1.2)];
  const skinLab: Lab = [uniform(rng, 40, 75), uniform(rng, 6, 16), uniform(rng, 10, 24)];
  // Keep the pale scar below sensor clipping (~0.8 linear at its brightest channel, mottling included):
  // clipped pixels have no measurable colour, and the audit rightly leaves them out.
  const lin = labToLinear(skinLab);
  const brightest = Math.max(...lin.map((v, c) => v * scarGain[c] * 1.1));
  if (brightest > 0.8) for (let c = 0; c < 3; c++) scarGain[c] *= 0.8 / brightest;
  const t = uniform(rng, 0.15, 0.85);
  const shift = o.maxShiftFraction ?? 0.1;
  const rot = o.maxRotationDeg ?? 10;
  return {
    seed,
    width,
    height,
    shape,
    scarGain,
    featherPx: uniform(rng, 1.5, 5),
    pigment: pigmentFor(uniform(rng, 8, 40), uniform(rng, 0.05, 0.4), t),
    failure: o.failure ?? 'none',
    visits: o.visits ?? 0,
    fadePerVisit: 0.3,
    transform: { rotationDeg: uniform(rng, -rot, rot), scale: uniform(rng, 0.95, 1.05), shiftX: uniform(rng, -shift, shift) * width, shiftY: uniform(rng, -shift, shift) * height },
    exposure: uniform(rng, 0.92, 1.08),
    noiseSigma: uniform(rng, 0.5, 2.5),
    skinLab,
    stubblePer1000Px2: uniform(rng, 1, 5),
  };
}

/** Dots of a density that cover about `coverage` of the scar (radius kept within 1..4 px). */
export function pigmentFor(dotsPer1000Px2: number, coverage: number, transmittance: number): PigmentSpec {
  const radiusPx = Math.min(4, Math.max(1, Math.sqrt((coverage * 1000) / (Math.PI * dotsPer1000Px2))));
  return { dotsPer1000Px2, radiusPx, transmittance: [transmittance, transmittance, transmittance] };
}

/** Renders a pair from a spec; `scene` (a real photo) replaces the procedural skin when given. */
export function synthPair(spec: SynthSpec, scene?: RgbImage): SynthPair {
  const { width: W, height: H } = spec;
  if (!(W >= 64 && H >= 64)) throw new RangeError(`synthetic pairs need at least 64x64, got ${W}x${H}`);
  const rng = mulberry32(spec.seed ^ 0x5eed);
  // Canvas = before frame plus a margin, so the transformed "after" view never runs off the scene.
  const M = Math.ceil(0.3 * Math.max(W, H));
  const CW = W + 2 * M;
  const CH = H + 2 * M;
  const dist = new Float32Array(CW * CH);
  let maxInside = 0;
  for (let y = 0; y < CH; y++) {
    for (let x = 0; x < CW; x++) {
      const d = signedDistance(spec.shape, x - M, y - M);
      dist[y * CW + x] = d;
      if (-d > maxInside) maxInside = -d;
    }
  }
  const base = scene ? resample(toLinear(scene), CW, CH) : proceduralSkin(rng, CW, CH, spec);
  if (!scene) addDots(base, dist, rng, spec.stubblePer1000Px2, [1, 1.8], [0.22, 0.2, 0.18], (d) => d > spec.featherPx + 2, false);

  const before = paintScar(base, dist, spec);
  const { img: after, dots: afterDots } = paintPigment(before, dist, spec, mulberry32(spec.seed ^ 0xd075), 1);
  const visitCanvases: LinearImage[] = [];
  for (let v = 1; v <= spec.visits; v++) visitCanvases.push(paintPigment(before, dist, spec, mulberry32(spec.seed ^ 0xd075), (1 - spec.fadePerVisit) ** v).img);

  // Truth on the clean canvases, over the analytic core (alpha = 1) and the ring the audit's defaults give.
  const thicknessPx = 2 * maxInside;
  const ringGapPx = Math.max(3, Math.round(thicknessPx / 4));
  const ringWidthPx = Math.min(80, Math.max(10, Math.round(thicknessPx)));
  const coreDepth = Math.max(spec.featherPx / 2, thicknessPx / 10);
  const truthOf = (img: LinearImage) => regionTruth(img, dist, M, W, H, coreDepth, ringGapPx, ringWidthPx);

  const t = spec.transform;
  const trueTransform = similarity(t.rotationDeg, t.scale, t.shiftX, t.shiftY, W / 2, H / 2);
  const mask = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) mask[y * W + x] = dist[(y + M) * CW + x + M] <= 0 ? 255 : 0;
  const noise = mulberry32(spec.seed ^ 0x7015e);
  return {
    spec,
    before: withNoise(crop(before, M, W, H), spec.noiseSigma, noise),
    after: withNoise(view(after, trueTransform, M, W, H, spec.exposure), spec.noiseSigma, noise),
    visits: visitCanvases.map((c) => withNoise(view(c, trueTransform, M, W, H, spec.exposure), spec.noiseSigma, noise)),
    scarMask: { width: W, height: H, data: mask },
    trueTransform,
    truth: { before: truthOf(before), after: truthOf(after), visits: visitCanvases.map(truthOf), ringGapPx, ringWidthPx, thicknessPx, afterDots },
  };
}

function proceduralSkin(rng: Rng, w: number, h: number, spec: SynthSpec): LinearImage {
  const lin = labToLinear(spec.skinLab);
  const field = new Float32Array(w * h).fill(1);
  // Mottling: broad soft blobs of ±6 % reflectance.
  for (let k = 0; k < 40; k++) {
    const cx = rng() * w;
    const cy = rng() * h;
    const s = uniform(rng, 0.03, 0.12) * Math.max(w, h);
    const amp = uniform(rng, -0.06, 0.06);
    stamp(field, w, h, cx, cy, s, (r2) => 1 + amp * Math.exp(-r2 / (2 * s * s)));
  }
  // Pores and small marks: fine, low-contrast dark spots, the texture features are found on.
  const pores = Math.round((w * h) / 250);
  for (let k = 0; k < pores; k++) {
    const s = uniform(rng, 0.7, 2.2);
    const amp = uniform(rng, 0.04, 0.14);
    stamp(field, w, h, rng() * w, rng() * h, s, (r2) => 1 - amp * Math.exp(-r2 / (2 * s * s)));
  }
  const data = new Float32Array(w * h * 3);
  for (let i = 0; i < w * h; i++) {
    const f = field[i] * (1 + 0.015 * gauss(rng));
    for (let c = 0; c < 3; c++) data[3 * i + c] = Math.min(1, lin[c] * f);
  }
  return { width: w, height: h, data };
}

/** Multiplies field by f(r²) within 3 sigma of (cx, cy). */
function stamp(field: Float32Array, w: number, h: number, cx: number, cy: number, s: number, f: (r2: number) => number): void {
  const r = Math.ceil(3 * s);
  for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(h - 1, Math.ceil(cy + r)); y++) {
    for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(w - 1, Math.ceil(cx + r)); x++) {
      field[y * w + x] *= f((x - cx) ** 2 + (y - cy) ** 2);
    }
  }
}

function paintScar(src: LinearImage, dist: Float32Array, spec: SynthSpec): LinearImage {
  const smooth = boxBlur(src, 3);
  const out = new Float32Array(src.data);
  for (let i = 0; i < dist.length; i++) {
    const a = alpha(dist[i], spec.featherPx);
    if (a === 0) continue;
    for (let c = 0; c < 3; c++) {
      const scar = Math.min(1, smooth.data[3 * i + c] * spec.scarGain[c]);
      out[3 * i + c] = (1 - a) * src.data[3 * i + c] + a * scar;
    }
  }
  return { width: src.width, height: src.height, data: out };
}

/** Soft border: alpha 1 deep inside, 0 outside, a linear ramp of featherPx centred on the edge. */
function alpha(d: number, feather: number): number {
  return Math.max(0, Math.min(1, 0.5 - d / feather));
}

/** Pigment with its absorbance (1 - transmittance) scaled by `strength` (fading visits < 1). */
function paintPigment(before: LinearImage, dist: Float32Array, spec: SynthSpec, rng: Rng, strength: number): { img: LinearImage; dots: number } {
  const img: LinearImage = { width: before.width, height: before.height, data: new Float32Array(before.data) };
  const p = spec.pigment;
  const tr = p.transmittance.map((t) => 1 - (1 - t) * strength) as [number, number, number];
  switch (spec.failure) {
    case 'helmet': {
      // One solid shade over the whole scar with a hard edge and no dot structure.
      const t = Math.min(0.7, 1 - (1 - Math.min(...tr)) * 0.8);
      for (let i = 0; i < dist.length; i++) if (dist[i] <= 0) for (let c = 0; c < 3; c++) img.data[3 * i + c] *= t;
      return { img, dots: 0 };
    }
    case 'blowout':
      // Ink spread under the skin: wide, soft dots that merge into blotches.
      return { img, dots: addDots(img, dist, rng, p.dotsPer1000Px2 * 1.3, [p.radiusPx * 2.5, p.radiusPx * 3.5], tr, (d) => d <= -p.radiusPx, true) };
    case 'blue-green':
      return { img, dots: addDots(img, dist, rng, p.dotsPer1000Px2, [p.radiusPx, p.radiusPx], [tr[0] * 0.55, tr[1] * 0.85, Math.min(1, tr[2] * 1.25)], (d) => d <= -p.radiusPx, false) };
    case 'too-dark':
      return { img, dots: addDots(img, dist, rng, Math.max(25, p.dotsPer1000Px2 * 2), [p.radiusPx * 1.4, p.radiusPx * 1.6], [0.06, 0.06, 0.06], (d) => d <= -p.radiusPx, false) };
    case 'none':
      return { img, dots: addDots(img, dist, rng, p.dotsPer1000Px2, [p.radiusPx, p.radiusPx], tr, (d) => d <= -p.radiusPx, false) };
  }
}

/**
 * Dots by dart throwing (no two closer than 0.7 of the mean spacing), where `where(d)` holds for the
 * signed distance at the centre. Crisp anti-aliased discs, or Gaussian blurs for spread ink.
 */
function addDots(img: LinearImage, dist: Float32Array, rng: Rng, per1000: number, radius: [number, number], tr: [number, number, number], where: (d: number) => boolean, soft: boolean): number {
  const { width: w, height: h } = img;
  let area = 0;
  let bx0 = w;
  let by0 = h;
  let bx1 = 0;
  let by1 = 0;
  for (let i = 0; i < dist.length; i++) {
    if (!where(dist[i])) continue;
    area++;
    const x = i % w;
    const y = (i - x) / w;
    bx0 = Math.min(bx0, x);
    bx1 = Math.max(bx1, x + 1);
    by0 = Math.min(by0, y);
    by1 = Math.max(by1, y + 1);
  }
  const target = Math.round((per1000 * area) / 1000);
  if (target === 0) return 0;
  // Crisp dots never touch (real work places them apart); spread ink may merge.
  const minGap = soft ? 0 : Math.max(0.7 * Math.sqrt(1000 / per1000), 2 * radius[1] + 1.5);
  const cell = Math.max(1, minGap);
  const grid = new Map<number, [number, number][]>();
  const key = (gx: number, gy: number) => gy * 100003 + gx;
  let placed = 0;
  for (let tries = 0; placed < target && tries < target * 30; tries++) {
    const x = bx0 + rng() * (bx1 - bx0);
    const y = by0 + rng() * (by1 - by0);
    if (!where(dist[Math.floor(y) * w + Math.floor(x)])) continue;
    const gx = Math.floor(x / cell);
    const gy = Math.floor(y / cell);
    let ok = true;
    for (let dy = -1; dy <= 1 && ok; dy++) for (let dx = -1; dx <= 1 && ok; dx++) for (const [px, py] of grid.get(key(gx + dx, gy + dy)) ?? []) if (Math.hypot(px - x, py - y) < minGap) ok = false;
    if (!ok) continue;
    const list = grid.get(key(gx, gy)) ?? [];
    list.push([x, y]);
    grid.set(key(gx, gy), list);
    placed++;
    const r = uniform(rng, radius[0], radius[1]);
    const reach = Math.ceil(soft ? 2.5 * r : r + 1);
    for (let yy = Math.max(0, Math.floor(y - reach)); yy <= Math.min(h - 1, Math.ceil(y + reach)); yy++) {
      for (let xx = Math.max(0, Math.floor(x - reach)); xx <= Math.min(w - 1, Math.ceil(x + reach)); xx++) {
        const rho = Math.hypot(xx + 0.5 - x, yy + 0.5 - y);
        const cover = soft ? Math.exp(-(rho * rho) / (2 * (0.8 * r) ** 2)) : Math.max(0, Math.min(1, r + 0.5 - rho));
        if (cover <= 0) continue;
        const i = 3 * (yy * w + xx);
        for (let c = 0; c < 3; c++) img.data[i + c] *= 1 - cover * (1 - tr[c]);
      }
    }
  }
  return placed;
}

function regionTruth(img: LinearImage, dist: Float32Array, M: number, W: number, H: number, coreDepth: number, gap: number, width: number): RegionTruth {
  const sum = { scar: [0, 0, 0, 0], ring: [0, 0, 0, 0] };
  const CW = img.width;
  for (let y = M; y < M + H; y++) {
    for (let x = M; x < M + W; x++) {
      const i = y * CW + x;
      const d = dist[i];
      const acc = d <= -coreDepth ? sum.scar : d > gap && d <= gap + width ? sum.ring : null;
      if (!acc) continue;
      // light mixed as the eye mixes it (linear RGB of the 8-bit codes the photo will hold), as the audit measures
      acc[0] += SRGB_TO_LINEAR[encodeSrgb8(img.data[3 * i])];
      acc[1] += SRGB_TO_LINEAR[encodeSrgb8(img.data[3 * i + 1])];
      acc[2] += SRGB_TO_LINEAR[encodeSrgb8(img.data[3 * i + 2])];
      acc[3]++;
    }
  }
  if (sum.scar[3] === 0 || sum.ring[3] === 0) throw new RangeError('synthetic scar or ring fell outside the frame');
  const scarLab: Lab = linearToLab(sum.scar[0] / sum.scar[3], sum.scar[1] / sum.scar[3], sum.scar[2] / sum.scar[3]);
  const ringLab: Lab = linearToLab(sum.ring[0] / sum.ring[3], sum.ring[1] / sum.ring[3], sum.ring[2] / sum.ring[3]);
  return {
    scarLab,
    ringLab,
    deltaE76: deltaE76(scarLab, ringLab),
    deltaE00: deltaE00(scarLab, ringLab),
    dL: scarLab[0] - ringLab[0],
    da: scarLab[1] - ringLab[1],
    db: scarLab[2] - ringLab[2],
  };
}

function resample(src: LinearImage, w: number, h: number): LinearImage {
  const data = new Float32Array(w * h * 3);
  const px = new Float32Array(3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      sampleBilinear(src, ((x + 0.5) * src.width) / w - 0.5, ((y + 0.5) * src.height) / h - 0.5, px);
      data.set(px, 3 * (y * w + x));
    }
  }
  return { width: w, height: h, data };
}

function crop(img: LinearImage, M: number, W: number, H: number): RgbImage {
  const data = new Float32Array(W * H * 3);
  for (let y = 0; y < H; y++) data.set(img.data.subarray(3 * ((y + M) * img.width + M), 3 * ((y + M) * img.width + M + W)), 3 * y * W);
  return toSrgb({ width: W, height: H, data });
}

/** The canvas seen through the transform: after pixel (x, y) shows before point T(x, y). */
function view(img: LinearImage, t: Homography, M: number, W: number, H: number, exposure: number): RgbImage {
  const data = new Float32Array(W * H * 3);
  const px = new Float32Array(3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const [bx, by] = applyHomography(t, x, y);
      sampleBilinear(img, bx + M, by + M, px);
      const i = 3 * (y * W + x);
      for (let c = 0; c < 3; c++) data[i + c] = px[c] * exposure;
    }
  }
  return toSrgb({ width: W, height: H, data });
}

function withNoise(img: RgbImage, sigma: number, rng: Rng): RgbImage {
  if (sigma <= 0) return img;
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, Math.round(img.data[i] + sigma * gauss(rng))));
  return { ...img, data };
}
