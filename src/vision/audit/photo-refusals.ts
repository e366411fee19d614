// Why a photo cannot take part in an audit, before anything is measured on it: the quality gate's
// errors (too dark, blurred, too small, heavily compressed: the consultation's gate, run on the whole
// frame), black and white (a colour match needs colour), or the same photo as an earlier one (an
// "after" that is the "before" is not a treatment outcome).
import { isGreyscalePhoto } from '../colour/greyscale.js';
import type { RgbImage } from '../image.js';

/** The part of a quality report an audit reads (src/vision/quality/gate.ts). */
export interface AuditPhotoGate {
  assessable: boolean;
  reasons: string[];
  checks: { id: string; severity: 'ok' | 'warning' | 'error'; value: number; message: string }[];
}

/** Messages saying why this photo is refused (empty when it may be measured), each a clause after "<name> photo: ". */
export function photoRefusals(img: RgbImage, gate: AuditPhotoGate | null, earlier: { name: string; image: RgbImage }[]): string[] {
  const out = (gate?.checks ?? []).filter((c) => c.severity === 'error').map((c) => c.message);
  if (isGreyscalePhoto(img)) out.push('it is black and white: a colour match needs colour photos');
  const same = earlier.find((e) => samePixels(e.image, img));
  if (same) out.push(`it is the same photo as the ${same.name} photo: send one taken at its own visit`);
  return out;
}

/** Identical size and pixels (the same upload, or the same photo saved again losslessly). */
export function samePixels(a: RgbImage, b: RgbImage): boolean {
  if (a.width !== b.width || a.height !== b.height || a.data.length !== b.data.length) return false;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
}
