// Everything an audit measures on one photo (before, after or a later visit), in the reference frame:
// scar-core vs surround colour, dots inside vs around, pigment coverage and colour, surface detail and
// how hard the scar's edge is. The flags (flags.ts) are read off these numbers.
import { SRGB_TO_LINEAR, deltaE00, deltaE76, type Lab } from '../colour/convert.js';
import { quantileSorted } from '../colour/robust.js';
import { dilate } from '../colour/masks.js';
import { median } from '../colour/robust.js';
import type { RgbImage } from '../image.js';
import { cheonBand, type CheonBand } from './bands.js';
import { detectDots, dotDensity, type Dot, type DotOptions } from './dots.js';
import type { LabPlanes } from './lab.js';
import type { ScarRegions } from './masks.js';
import { withMats, type OpenCv } from './opencv.js';
import { regionColour, rgbMaxPlane } from './region-colour.js';

export interface MeasureOptions {
  pxPerCm?: number;
  dots?: DotOptions;
  /** A pixel is pigment (or hair) when it is this many L* below the skin between the dots. */
  pigmentDropL?: number;
  /**
   * The pixels the earlier (before) photo already shows dark in the scar core, in this photo's frame
   * (pigmentMask): what is dark here and not there is pigment added between the photos.
   */
  earlierDark?: Uint8Array;
}

export interface DotStats {
  count: number;
  per1000Px2: number;
  perCm2: number | null;
  /** Median blob sigma (px), null without dots. */
  medianSigmaPx: number | null;
  medianContrastL: number | null;
  /** Median L* at the dots' centres, null without dots: how dark the dots (or hairs) themselves read. */
  medianCentreL: number | null;
  /** Median dot edge width (px): soft, spread dots have wide edges. */
  medianEdgeWidthPx: number | null;
}

export interface PhotoMeasure {
  scarLab: Lab;
  surroundLab: Lab;
  deltaE76: number;
  deltaE00: number;
  band: CheonBand;
  /** Scar minus surround. */
  dL: number;
  da: number;
  db: number;
  dots: { scar: DotStats; surround: DotStats };
  coverage: {
    /** Fraction of the scar core darker than its skin by pigmentDropL (area under pigment). */
    pigmentFraction: number;
    /** The same in the surround (hair, stubble, earlier dots). */
    surroundDarkFraction: number;
    /** Fraction of scar cells (about two dot spacings wide) holding at least one dot: gaps lower it. */
    cellsWithDots: number | null;
  };
  /** L* of the skin between the dots (90th percentile of the scar core). */
  scarSkinL: number;
  /**
   * Skin L* minus the mean L* of the pigment pixels (after an earlier photo: of those it did not show dark),
   * null without them.
   */
  dotContrastL: number | null;
  /** Mean Lab of the pigment pixels in the scar (as dotContrastL), and of the dark pixels (hair) in the surround. */
  pigmentLab: Lab | null;
  surroundDarkLab: Lab | null;
  /**
   * Mean Lab of the surround's skin: its pixels between the 60th and 95th percentile of L* (above hair,
   * stubble and dots, below glare). Untreated skin keeps its colour between visits, so a change in it is
   * a change of light or camera (see checkLighting).
   */
  surroundSkinLab: Lab;
  /** Per-channel fraction of light kept under the pigment (as dotContrastL; linear RGB, pigment / skin): equal = neutral ink. */
  inkTransmittance: [number, number, number] | null;
  /** Fraction of pigment-mask pixels in blobs much larger than a dot (merged dots, blotches). */
  blotchFraction: number | null;
  /**
   * Pigment added since the earlier photo (MeasureOptions.earlierDark; null for the before photo): the
   * share of the scar core dark here and not (within 1 px) there, and the blotch fraction of those
   * pixels alone. Hair and stubble dark in both photos are not pigment the treatment added.
   */
  added?: { pigmentFraction: number; blotchFraction: number | null } | null;
  /** Fine detail (SD of L* minus its blur) in the scar core and in the surround. */
  detail: { scarL: number; surroundL: number; ratio: number };
  /** |mean L* just inside the scar edge − just outside| (1-3 px bands, after light smoothing). */
  edgeStepL: number;
  /** Fraction of scar and surround pixels excluded as highlights or clipped. */
  excluded: { scar: number; surround: number };
}

export function measurePhoto(cv: OpenCv, img: RgbImage, lab: LabPlanes, r: ScarRegions, box: { x0: number; y0: number; x1: number; y1: number }, opts: MeasureOptions = {}): PhotoMeasure | null {
  const { width: w, height: h } = img;
  const drop = opts.pigmentDropL ?? PIGMENT_DROP_L;
  const rgbMax = rgbMaxPlane(img.data);
  const scarC = regionColour(lab, r.core, rgbMax);
  const ringC = regionColour(lab, r.ring, rgbMax);
  if (!scarC || !ringC) return null;
  const d76 = deltaE76(scarC.lab, ringC.lab);

  const scarDots = detectDots(cv, lab.L, w, h, r.core, box, opts.dots);
  const ringDots = detectDots(cv, lab.L, w, h, r.ring, box, opts.dots);

  const coreL = valuesIn(lab.L, r.core);
  const ringL = valuesIn(lab.L, r.ring);
  const scarSkinL = quantileSorted(coreL, 0.9);
  const ringSkinL = quantileSorted(ringL, 0.9);
  const pigment = darkPixels(lab.L, r.core, scarSkinL - drop);
  const dotSigma = scarDots.length >= 3 ? median(scarDots.map((d) => d.sigma)) : 1.5;
  const ringDark = darkPixels(lab.L, r.ring, ringSkinL - drop);
  const skin = brightPixels(lab.L, r.core, scarSkinL - 3);
  const detail = detailLevels(cv, lab.L, w, h, box, r);
  const ringSkin = pixelsBetween(lab.L, r.ring, quantileSorted(ringL, 0.6), quantileSorted(ringL, 0.95));
  // The pigment the treatment added: what is dark here and was not in the earlier photo. An untreated
  // scar's own texture (a quarter of its core on a real scalp) is dark in both, and had diluted the ink's
  // darkness and colour (black dots read as no darker than the hair, a blue ink as neutral).
  const inked = opts.earlierDark ? pigment.filter((i) => !opts.earlierDark![i]) : pigment;
  return {
    scarLab: scarC.lab,
    surroundLab: ringC.lab,
    deltaE76: d76,
    deltaE00: deltaE00(scarC.lab, ringC.lab),
    band: cheonBand(d76),
    dL: scarC.lab[0] - ringC.lab[0],
    da: scarC.lab[1] - ringC.lab[1],
    db: scarC.lab[2] - ringC.lab[2],
    dots: { scar: dotStats(scarDots, r.corePx, opts.pxPerCm), surround: dotStats(ringDots, r.ringPx, opts.pxPerCm) },
    coverage: {
      pigmentFraction: pigment.length / Math.max(1, r.corePx),
      surroundDarkFraction: ringDark.length / Math.max(1, r.ringPx),
      cellsWithDots: cellsWithDots(scarDots, ringDots.length / Math.max(1, r.ringPx), scarDots.length / Math.max(1, r.corePx), r.core, w, h, box),
    },
    scarSkinL,
    dotContrastL: inked.length >= 10 ? scarSkinL - meanOf(lab.L, inked) : null,
    pigmentLab: inked.length >= 10 ? meanLab(lab, inked) : null,
    surroundDarkLab: ringDark.length >= 10 ? meanLab(lab, ringDark) : null,
    surroundSkinLab: ringSkin.length > 0 ? meanLab(lab, ringSkin) : ringC.lab,
    inkTransmittance: inked.length >= 10 && skin.length >= 10 ? transmittance(img.data, inked, skin) : null,
    blotchFraction: pigment.length >= 10 ? blotchFraction(cv, pigment, w, h, dotSigma) : null,
    added: opts.earlierDark ? addedPigment(cv, inked, r.corePx, w, h, dotSigma) : null,
    detail,
    edgeStepL: edgeStep(cv, lab.L, w, h, box, r),
    excluded: { scar: scarC.excluded / Math.max(1, scarC.pixels), surround: ringC.excluded / Math.max(1, ringC.pixels) },
  };
}

/** How far (L*) below the skin between the dots a pixel is counted as pigment (or hair), unless MeasureOptions say. */
export const PIGMENT_DROP_L = 8;

/**
 * The pixels a measured photo counts as pigment (or hair) in its scar core, as a mask grown by 1 px
 * (registration leaves about a pixel of error): `measured` is that photo's measurement, whose skin
 * level sets the cut, so the mask is the one measurePhoto counted.
 */
export function pigmentMask(L: Float32Array, r: ScarRegions, measured: Pick<PhotoMeasure, 'scarSkinL'>, w: number, h: number, opts: MeasureOptions = {}): Uint8Array {
  const mask = new Uint8Array(w * h);
  for (const i of darkPixels(L, r.core, measured.scarSkinL - (opts.pigmentDropL ?? PIGMENT_DROP_L))) mask[i] = 1;
  return dilate(mask, w, h, 1);
}

function addedPigment(cv: OpenCv, added: number[], corePx: number, w: number, h: number, dotSigma: number): NonNullable<PhotoMeasure['added']> {
  return { pigmentFraction: added.length / Math.max(1, corePx), blotchFraction: added.length >= 10 ? blotchFraction(cv, added, w, h, dotSigma) : null };
}

function valuesIn(plane: Float32Array, mask: Uint8Array): Float64Array {
  const v: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) v.push(plane[i]);
  return Float64Array.from(v).sort();
}

function darkPixels(L: Float32Array, mask: Uint8Array, below: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i] && L[i] < below) out.push(i);
  return out;
}

function brightPixels(L: Float32Array, mask: Uint8Array, atLeast: number): number[] {
  return pixelsBetween(L, mask, atLeast, Infinity);
}

function meanOf(plane: Float32Array, idx: number[]): number {
  let s = 0;
  for (const i of idx) s += plane[i];
  return s / idx.length;
}

function pixelsBetween(L: Float32Array, mask: Uint8Array, lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i] && L[i] >= lo && L[i] <= hi) out.push(i);
  return out;
}

function meanLab(lab: LabPlanes, idx: number[]): Lab {
  return [meanOf(lab.L, idx), meanOf(lab.a, idx), meanOf(lab.b, idx)];
}

function dotStats(dots: Dot[], areaPx: number, pxPerCm?: number): DotStats {
  const d = dotDensity(dots.length, areaPx, pxPerCm);
  return {
    count: dots.length,
    per1000Px2: d.per1000Px2,
    perCm2: d.perCm2,
    medianSigmaPx: dots.length ? median(dots.map((x) => x.sigma)) : null,
    medianContrastL: dots.length ? median(dots.map((x) => x.contrast)) : null,
    medianCentreL: dots.length ? median(dots.map((x) => x.centreL)) : null,
    medianEdgeWidthPx: dots.length ? median(dots.map((x) => x.edgeWidthPx)) : null,
  };
}

/** Linear-light pigment / skin per channel: how much light the ink lets through in R, G, B. */
function transmittance(rgb: Uint8Array, pigment: number[], skin: number[]): [number, number, number] {
  const mean = (idx: number[], c: number) => idx.reduce((s, i) => s + SRGB_TO_LINEAR[rgb[3 * i + c]], 0) / idx.length;
  return [0, 1, 2].map((c) => mean(pigment, c) / Math.max(1e-6, mean(skin, c))) as [number, number, number];
}

/**
 * Share of the pigment pixels lying in connected blobs larger than 6 dots of the scar's median dot
 * size: separate dots give ~0, ink merging into patches (or one solid fill) gives most of it.
 */
function blotchFraction(cv: OpenCv, pigment: number[], w: number, h: number, refSigma: number): number {
  const dotArea = Math.PI * 2 * refSigma * refSigma;
  const limit = Math.max(30, 6 * dotArea);
  return withMats((keep) => {
    const m = keep(cv.Mat.zeros(h, w, cv.CV_8UC1));
    for (const i of pigment) m.data[i] = 255;
    const labels = keep(new cv.Mat());
    const stats = keep(new cv.Mat());
    const cents = keep(new cv.Mat());
    const n = cv.connectedComponentsWithStats(m, labels, stats, cents, 8, cv.CV_32S);
    let big = 0;
    for (let k = 1; k < n; k++) {
      const area = stats.intAt(k, cv.CC_STAT_AREA);
      if (area > limit) big += area;
    }
    return big / pigment.length;
  });
}

/** Scar cells (2 expected dot spacings wide) holding a dot, for the gaps a sparse pass leaves. */
function cellsWithDots(scarDots: Dot[], ringPerPx: number, scarPerPx: number, core: Uint8Array, w: number, _h: number, box: { x0: number; y0: number; x1: number; y1: number }): number | null {
  const perPx = Math.max(ringPerPx, scarPerPx);
  if (perPx <= 0) return null;
  const cell = Math.max(6, Math.round(2 / Math.sqrt(perPx)));
  let cells = 0;
  let hit = 0;
  const has = new Set(scarDots.map((d) => `${Math.floor((d.x - box.x0) / cell)},${Math.floor((d.y - box.y0) / cell)}`));
  for (let cy = box.y0; cy <= box.y1; cy += cell) {
    for (let cx = box.x0; cx <= box.x1; cx += cell) {
      let inside = 0;
      let total = 0;
      for (let y = cy; y < Math.min(cy + cell, box.y1 + 1); y++) {
        for (let x = cx; x < Math.min(cx + cell, box.x1 + 1); x++) {
          total++;
          if (core[y * w + x]) inside++;
        }
      }
      if (inside < 0.6 * total) continue;
      cells++;
      if (has.has(`${Math.floor((cx - box.x0) / cell)},${Math.floor((cy - box.y0) / cell)}`)) hit++;
    }
  }
  return cells ? hit / cells : null;
}

function cropPlane(L: Float32Array, w: number, box: { x0: number; y0: number; x1: number; y1: number }): { data: Float32Array; cw: number; ch: number } {
  const cw = box.x1 - box.x0 + 1;
  const ch = box.y1 - box.y0 + 1;
  const data = new Float32Array(cw * ch);
  for (let y = 0; y < ch; y++) data.set(L.subarray((y + box.y0) * w + box.x0, (y + box.y0) * w + box.x0 + cw), y * cw);
  return { data, cw, ch };
}

function blur(cv: OpenCv, data: Float32Array, cw: number, ch: number, sigma: number): Float32Array {
  return withMats((keep) => {
    const src = keep(cv.matFromArray(ch, cw, cv.CV_32F, data));
    const dst = keep(new cv.Mat());
    const k = 2 * Math.ceil(3 * sigma) + 1;
    cv.GaussianBlur(src, dst, new cv.Size(k, k), sigma, sigma, cv.BORDER_REFLECT);
    return Float32Array.from(dst.data32F);
  });
}

/** SD of (L* − its Gaussian blur at 4 px) in the scar core and in the ring: dots and texture raise it. */
function detailLevels(cv: OpenCv, L: Float32Array, w: number, _h: number, box: { x0: number; y0: number; x1: number; y1: number }, r: ScarRegions): PhotoMeasure['detail'] {
  const { data, cw, ch } = cropPlane(L, w, box);
  const smooth = blur(cv, data, cw, ch, 4);
  const sd = (mask: Uint8Array) => {
    let s = 0;
    let s2 = 0;
    let n = 0;
    for (let y = 0; y < ch; y++) {
      for (let x = 0; x < cw; x++) {
        if (!mask[(y + box.y0) * w + x + box.x0]) continue;
        const v = data[y * cw + x] - smooth[y * cw + x];
        s += v;
        s2 += v * v;
        n++;
      }
    }
    return n ? Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2)) : 0;
  };
  const scarL = sd(r.core);
  const surroundL = sd(r.ring);
  return { scarL, surroundL, ratio: surroundL > 0 ? scarL / surroundL : 0 };
}

/** Mean L* (smoothed at 1.5 px, so single dots do not dominate) 1-3 px inside the edge minus 1-3 px outside. */
function edgeStep(cv: OpenCv, L: Float32Array, w: number, _h: number, box: { x0: number; y0: number; x1: number; y1: number }, r: ScarRegions): number {
  const { data, cw, ch } = cropPlane(L, w, box);
  const smooth = blur(cv, data, cw, ch, 1.5);
  const scar = new Uint8Array(cw * ch);
  for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) scar[y * cw + x] = r.scar[(y + box.y0) * w + x + box.x0];
  const { inside, outside } = withMats((keep) => {
    const m = keep(cv.matFromArray(ch, cw, cv.CV_8UC1, scar));
    const inv = keep(new cv.Mat());
    cv.bitwise_not(m, inv);
    const bin = keep(new cv.Mat());
    cv.threshold(inv, bin, 254, 1, cv.THRESH_BINARY);
    const din = keep(new cv.Mat());
    const dout = keep(new cv.Mat());
    cv.distanceTransform(m, din, cv.DIST_L2, cv.DIST_MASK_PRECISE);
    cv.distanceTransform(bin, dout, cv.DIST_L2, cv.DIST_MASK_PRECISE);
    return { inside: Float32Array.from(din.data32F), outside: Float32Array.from(dout.data32F) };
  });
  let si = 0;
  let ni = 0;
  let so = 0;
  let no = 0;
  for (let i = 0; i < scar.length; i++) {
    if (scar[i] && inside[i] >= 1 && inside[i] <= 3) {
      si += smooth[i];
      ni++;
    } else if (!scar[i] && outside[i] >= 1 && outside[i] <= 3) {
      so += smooth[i];
      no++;
    }
  }
  return ni && no ? Math.abs(si / ni - so / no) : 0;
}
