// The face in a front photo, as a region scars are not looked for in: SMP pigments the scalp, and the
// scalp segmentation calls a shiny, pink, hairless nose tip or brow ridge "scar" (found on held-out and
// training people without scars; see FaceRegionRules). From the face landmarks' glabella, up direction and
// eye distance (63 mm on an adult: the scale), in photo pixels.

export type Point = [number, number];

export interface FaceFrame {
  /** Between the eyebrows (photo px). */
  glabella: Point;
  /** Unit direction from the mouth to the brows. */
  up: Point;
  /** Eye-centre distance (photo px). */
  interpupillaryPx: number;
}

export interface FaceRegionRules {
  /**
   * How far above the glabella the face region reaches, in eye distances: 0.5 (about 3 cm) stays well
   * below the lowest hairline a design uses (60-80 mm above the glabella, plan/hairline/propose.ts), so a
   * forehead scar near the hairline is still looked at.
   */
  aboveGlabella: number;
  /** Half the region's width across the face, in eye distances: 1.2 (about 7.5 cm) takes the cheeks. */
  halfWidth: number;
}

export const DEFAULT_FACE_REGION: FaceRegionRules = { aboveGlabella: 0.5, halfWidth: 1.2 };

/** A test for "this photo pixel lies on the face": below the line aboveGlabella over the glabella, within halfWidth of the face's midline. */
export function faceRegion(face: FaceFrame, rules: FaceRegionRules = DEFAULT_FACE_REGION): (x: number, y: number) => boolean {
  const { glabella, up, interpupillaryPx: ipd } = face;
  const n = Math.hypot(up[0], up[1]);
  if (!(ipd > 0) || !(n > 0)) throw new RangeError(`a face frame needs a positive eye distance and an up direction, got ${ipd} and [${up}]`);
  const ux = up[0] / n;
  const uy = up[1] / n;
  const top = rules.aboveGlabella * ipd;
  const half = rules.halfWidth * ipd;
  return (x, y) => {
    const dx = x - glabella[0];
    const dy = y - glabella[1];
    const along = dx * ux + dy * uy; // > 0 above the glabella
    const across = dx * -uy + dy * ux;
    return along <= top && Math.abs(across) <= half;
  };
}
