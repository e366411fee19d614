// A person-readable overlay of the masks on the photo: hair tinted green, scar magenta, skin left as is,
// background dimmed. Used in the consultation response and the report. Given the reported scars' mask
// (find-scars.ts findScarsWithMask), only those are magenta: a nose tip or a speck the segmentation
// called scar, which the analysis does not report, is left as skin rather than shown to the client as a scar.
import sharp from 'sharp';
import { assertRgb, type RgbImage, type Segmentation } from './image.js';

const SKIN = 1;
const SCAR = 3;
const TINT: Record<number, [number, number, number, number] | null> = {
  0: [0, 0, 0, 0.55], // background: darken
  1: null, // skin: untouched, it is what the client looks at
  2: [40, 200, 90, 0.45], // hair
  3: [230, 40, 200, 0.65], // scar
};

export function overlayPixels(img: RgbImage, seg: Segmentation, scarMask?: Uint8Array): RgbImage {
  assertRgb(img);
  if (seg.width !== img.width || seg.height !== img.height) {
    throw new RangeError(`segmentation is ${seg.width}x${seg.height} but the image is ${img.width}x${img.height}`);
  }
  if (scarMask && scarMask.length !== seg.labels.length) throw new RangeError(`the scar mask has ${scarMask.length} pixels, the segmentation ${seg.labels.length}`);
  const out = new Uint8Array(img.data.length);
  for (let i = 0, j = 0; i < seg.labels.length; i++, j += 3) {
    const label = seg.labels[i];
    const cls = !scarMask ? label : scarMask[i] ? SCAR : label === SCAR ? SKIN : label;
    const tint = TINT[cls];
    for (let c = 0; c < 3; c++) {
      const v = img.data[j + c];
      out[j + c] = tint ? Math.round(v * (1 - tint[3]) + tint[c] * tint[3]) : v;
    }
  }
  return { width: img.width, height: img.height, data: out };
}

export async function overlayPng(img: RgbImage, seg: Segmentation, scarMask?: Uint8Array): Promise<Uint8Array> {
  const o = overlayPixels(img, seg, scarMask);
  return new Uint8Array(await sharp(o.data, { raw: { width: o.width, height: o.height, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer());
}

/** 8-bit single-channel PNG, 255 where `labels` equals `cls`. */
export async function maskPng(seg: Segmentation, cls: number, size?: { width: number; height: number }): Promise<Uint8Array> {
  const m = new Uint8Array(seg.labels.length);
  for (let i = 0; i < m.length; i++) m[i] = seg.labels[i] === cls ? 255 : 0;
  let p = sharp(m, { raw: { width: seg.width, height: seg.height, channels: 1 } });
  if (size && (size.width !== seg.width || size.height !== seg.height)) {
    p = p.resize(size.width, size.height, { kernel: 'nearest', fit: 'fill' });
  }
  return new Uint8Array(await p.toColourspace('b-w').png().toBuffer());
}
