// One 8-bit single-channel PNG per class (255 = that class) at the segmentation's size: the files
// `smp segment` writes (DESIGN.md section 3).
import sharp from 'sharp';
import { SEG_CLASSES, type Segmentation } from '../../vision/image.js';

/** 0/255 mask of class index `cls` from arg-max labels. */
export function classMaskBytes(labels: Uint8Array, cls: number): Uint8Array {
  if (!Number.isInteger(cls) || cls < 0 || cls >= SEG_CLASSES.length) throw new RangeError(`class index must be 0..${SEG_CLASSES.length - 1}, got ${cls}`);
  const out = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = labels[i] === cls ? 255 : 0;
  return out;
}

/** { hair: png, skin: png, scar: png, background: png } */
export async function maskPngs(seg: Segmentation): Promise<Record<(typeof SEG_CLASSES)[number], Buffer>> {
  const entries = await Promise.all(
    SEG_CLASSES.map(async (name, k) => {
      const png = await sharp(classMaskBytes(seg.labels, k), { raw: { width: seg.width, height: seg.height, channels: 1 } })
        .toColourspace('b-w')
        .png({ compressionLevel: 6 })
        .toBuffer();
      return [name, png] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<(typeof SEG_CLASSES)[number], Buffer>;
}
