// Placeholder until the card finder lands (next commit).
import type { RgbImage } from '../../image.js';
import type { Matrix3 } from '../correction.js';
import type { ColourCardInfo } from '../types.js';
export interface CardCorrection { matrix: Matrix3; info: ColourCardInfo; confidence: number }
export function findColourCard(_img: RgbImage): CardCorrection | null {
  return null;
}
