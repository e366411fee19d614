// From the 68 iBUG face landmarks to what the hairline and scale rules use, and a plausibility check.
// Indices (image-left first for a face looking at the camera): jaw 0-16, brows 17-21 and 22-26, nose
// bridge 27-30, nose base 31-35, eyes 36-41 (36 outer corner) and 42-47 (45 outer corner), mouth 48-67.
// A face detector finds "faces" in foreheads and bald crowns too, and the landmark net then draws a
// crumpled face: every ratio below is one a real face keeps, so such a shape fails several of them.

export type Point = [number, number];

export interface FaceShape {
  /** Between the eyebrows (midpoint of the inner brow ends 21 and 22). */
  glabella: Point;
  /** Outer eye corners (36 and 45), image-left and image-right. */
  leftCanthus: Point;
  rightCanthus: Point;
  /** Eye centres (mean of each eye's 6 points), a stand-in for the pupils. */
  leftEye: Point;
  rightEye: Point;
  mouth: Point;
  noseTip: Point;
  /** Eye-centre distance (px). */
  interpupillaryPx: number;
  /** Unit direction from the mouth side to the brow side, perpendicular to the eye line. */
  up: Point;
}

const mean = (pts: Point[]): Point => {
  let x = 0, y = 0;
  for (const p of pts) {
    x += p[0];
    y += p[1];
  }
  return [x / pts.length, y / pts.length];
};
const sub = (a: Point, b: Point): Point => [a[0] - b[0], a[1] - b[1]];
const dot = (a: Point, b: Point): number => a[0] * b[0] + a[1] * b[1];
const dist = (a: Point, b: Point): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** The measurements the rules use, from 68 landmarks in image pixels. */
export function faceShape(points: Point[]): FaceShape {
  if (points.length !== 68) throw new RangeError(`expected the 68 iBUG landmarks, got ${points.length} points`);
  for (const [i, p] of points.entries()) {
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) throw new RangeError(`landmark ${i} is not two finite numbers`);
  }
  const leftEye = mean(points.slice(36, 42));
  const rightEye = mean(points.slice(42, 48));
  const mouth = mean(points.slice(48, 68));
  const interpupillaryPx = dist(leftEye, rightEye);
  const eyeMid = mean([leftEye, rightEye]);
  // Up is perpendicular to the eye line, on the side away from the mouth.
  const across = interpupillaryPx > 0 ? ([(rightEye[0] - leftEye[0]) / interpupillaryPx, (rightEye[1] - leftEye[1]) / interpupillaryPx] as Point) : ([1, 0] as Point);
  let up: Point = [across[1], -across[0]];
  if (dot(sub(eyeMid, mouth), up) < 0) up = [-up[0], -up[1]];
  return {
    glabella: mean([points[21], points[22]]),
    leftCanthus: points[36],
    rightCanthus: points[45],
    leftEye,
    rightEye,
    mouth,
    noseTip: points[30],
    interpupillaryPx,
    up,
  };
}

/** Ranges a real face keeps, as multiples of the eye-centre distance (IPD); wide enough for faces seen from above or turned a little. */
export interface FaceShapeLimits {
  /** Eye-centre distance over the detection box width. */
  ipdOverBox: [number, number];
  /** Mouth below the eye line (a face tilted down towards the camera shortens this). */
  mouthBelowEyes: [number, number];
  /** Mouth centre off the eyes' midpoint, sideways. */
  mouthOffCentre: number;
  /** Brows above the eye line. */
  browsAboveEyes: [number, number];
  /** Jaw ends (0 and 16) apart. */
  jawWidth: [number, number];
  /** Each eye's corner-to-corner width. */
  eyeWidth: [number, number];
  /** The two eyes' widths may differ by at most this factor (a head turned sideways shrinks one). */
  eyeWidthRatio: number;
  /** Smallest IPD in pixels the scale and hairline rules can use. */
  minIpdPx: number;
}

export const DEFAULT_FACE_LIMITS: FaceShapeLimits = {
  ipdOverBox: [0.28, 0.62],
  mouthBelowEyes: [0.5, 1.6],
  mouthOffCentre: 0.35,
  browsAboveEyes: [0.12, 0.7],
  jawWidth: [1.5, 2.9],
  eyeWidth: [0.28, 0.65],
  eyeWidthRatio: 1.8,
  minIpdPx: 24,
};

/** Reasons the 68 points do not look like a face (empty when they do). */
export function implausibleFaceReasons(points: Point[], boxWidth: number, limits: FaceShapeLimits = DEFAULT_FACE_LIMITS): string[] {
  const s = faceShape(points);
  const ipd = s.interpupillaryPx;
  if (!(ipd >= limits.minIpdPx)) return [`eyes ${ipd.toFixed(0)} px apart, below ${limits.minIpdPx} px`];
  const reasons: string[] = [];
  const within = (v: number, [lo, hi]: [number, number]): boolean => v >= lo && v <= hi;
  const check = (ok: boolean, what: string, v: number, range: string): void => {
    if (!ok) reasons.push(`${what} ${v.toFixed(2)} outside ${range}`);
  };
  const eyeMid = mean([s.leftEye, s.rightEye]);
  const across: Point = [(s.rightEye[0] - s.leftEye[0]) / ipd, (s.rightEye[1] - s.leftEye[1]) / ipd];
  const ipdBox = ipd / boxWidth;
  check(within(ipdBox, limits.ipdOverBox), 'IPD / box width', ipdBox, limits.ipdOverBox.join('-'));
  const toMouth = sub(s.mouth, eyeMid);
  const below = -dot(toMouth, s.up) / ipd;
  check(within(below, limits.mouthBelowEyes), 'mouth below eyes / IPD', below, limits.mouthBelowEyes.join('-'));
  const off = Math.abs(dot(toMouth, across)) / ipd;
  check(off <= limits.mouthOffCentre, 'mouth off centre / IPD', off, `0-${limits.mouthOffCentre}`);
  const brows = dot(sub(mean(points.slice(17, 27)), eyeMid), s.up) / ipd;
  check(within(brows, limits.browsAboveEyes), 'brows above eyes / IPD', brows, limits.browsAboveEyes.join('-'));
  const nose = dot(sub(s.noseTip, eyeMid), s.up);
  const mouthUp = dot(toMouth, s.up);
  if (!(nose < 0 && nose > mouthUp)) reasons.push('nose tip not between the eyes and the mouth');
  const jaw = dist(points[0], points[16]) / ipd;
  check(within(jaw, limits.jawWidth), 'jaw width / IPD', jaw, limits.jawWidth.join('-'));
  const wl = dist(points[36], points[39]) / ipd, wr = dist(points[42], points[45]) / ipd;
  check(within(wl, limits.eyeWidth) && within(wr, limits.eyeWidth), 'eye width / IPD', Math.min(wl, wr), limits.eyeWidth.join('-'));
  const ratio = Math.max(wl, wr) / Math.max(1e-9, Math.min(wl, wr));
  check(ratio <= limits.eyeWidthRatio, 'eye width ratio', ratio, `1-${limits.eyeWidthRatio}`);
  // Outer corners outside the eye centres: a mirrored or scrambled shape has them inside.
  if (!(dot(sub(points[36], s.leftEye), across) < 0 && dot(sub(points[45], s.rightEye), across) > 0)) reasons.push('outer eye corners not outside the eyes');
  return reasons;
}
