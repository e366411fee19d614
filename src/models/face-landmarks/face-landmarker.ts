// Face landmarks for front views: a face detector (SSD MobileNet v1) and the 68-point landmark net of
// @vladmandic/face-api (MIT; pretrained third-party weights shipped in the npm package), run on the
// tfjs wasm runtime. The weights are read here, checked against models/face-landmarks/card.json
// (bytes and sha256), and handed to the nets as weight maps, so no file:// loader is needed and a
// changed package is caught. Only the wiring lives here; the geometry is in face-shape.ts and
// upright.ts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { modelDir } from '../paths.js';
import { tfjsReady, type Tfjs } from '../runtime/tfjs.js';
import type { RgbImage } from '../../vision/image.js';
import { faceShape, implausibleFaceReasons, type FaceShape, type Point } from './face-shape.js';
import { pointsToPhoto, turnedDownscaled, type UprightView } from './upright.js';
import { castStats } from '../../vision/quality/cast.js';
import { greyWorldBalanced } from '../../vision/colour/grey-world.js';
import settingsJson from './settings.json' with { type: 'json' };

const require = createRequire(import.meta.url);

const Settings = z.object({
  package: z.string(),
  detector: z.discriminatedUnion('net', [
    z.object({ net: z.literal('ssdMobilenetv1'), minConfidence: z.number().min(0).max(1), maxResults: z.number().int().positive() }),
    // inputSize: the square the photo is resized to, a multiple of 32
    z.object({ net: z.literal('tinyFaceDetector'), scoreThreshold: z.number().min(0).max(1), inputSize: z.number().int().min(128).max(1024).multipleOf(32) }),
  ]),
  landmarks: z.object({ net: z.literal('faceLandmark68Net') }),
  maxInputSide: z.number().int().min(64),
  /** Grey-world cast magnitude (quality/cast.ts) from which a photo with no face found is searched again balanced. */
  balancedRetryCast: z.number().min(0),
});
export type FaceLandmarkSettings = z.infer<typeof Settings>;
export const FACE_LANDMARK_SETTINGS: FaceLandmarkSettings = Settings.parse(settingsJson);

const CardFile = z.object({ file: z.string(), manifest: z.string(), bytes: z.number().int().positive(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const Card = z.object({
  name: z.literal('face-landmarks'),
  version: z.string(),
  weights: z.object({ ssdMobilenetv1: CardFile, tinyFaceDetector: CardFile, faceLandmark68Net: CardFile }),
});

/** What a front photo's face gives the hairline and scale rules, in the photo's pixels. */
export interface FaceResult {
  /** Detector score of the face used. */
  score: number;
  /** The 68 landmarks (photo pixels). */
  points: Point[];
  shape: FaceShape;
  /** Found only in a grey-world balanced copy of the photo (it was taken under coloured light). */
  balanced?: true;
}

export interface FaceSearch {
  face: FaceResult | null;
  /** Candidates looked at and why each was not used (empty when the first one was used). */
  rejected: { score: number; reasons: string[]; points: Point[] }[];
}

// The part of face-api this file uses (its bundled .d.ts drags in browser types).
interface FaceApiNet {
  loadFromWeightMap(map: unknown): void;
  isLoaded: boolean;
}
interface FaceApi {
  nets: { ssdMobilenetv1: FaceApiNet; tinyFaceDetector: FaceApiNet; faceLandmark68Net: FaceApiNet };
  SsdMobilenetv1Options: new (o: { minConfidence: number; maxResults: number }) => unknown;
  TinyFaceDetectorOptions: new (o: { inputSize: number; scoreThreshold: number }) => unknown;
  detectAllFaces(input: unknown, options: unknown): {
    withFaceLandmarks(): Promise<{ detection: { score: number; box: { width: number } }; landmarks: { positions: { x: number; y: number }[] } }[]>;
  };
}

export class FaceLandmarker {
  private constructor(
    private readonly tf: Tfjs,
    private readonly api: FaceApi,
    readonly settings: FaceLandmarkSettings,
    readonly version: string,
  ) {}

  /** Loads the nets once (call once per worker thread), checking the weights against the card. */
  static async load(dir = modelDir('face-landmarks'), settings: FaceLandmarkSettings = FACE_LANDMARK_SETTINGS): Promise<FaceLandmarker> {
    const card = Card.parse(JSON.parse(readFileSync(resolve(dir, 'card.json'), 'utf8')));
    const tf = await tfjsReady();
    const api = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApi;
    const weights = dirname(require.resolve(`${settings.package}/model/${card.weights.faceLandmark68Net.manifest}`));
    const load = (net: FaceApiNet, f: z.infer<typeof CardFile>): void => {
      const bin = readFileSync(resolve(weights, f.file));
      if (bin.length !== f.bytes) throw new Error(`${f.file} is ${bin.length} bytes but the face-landmarks card says ${f.bytes}`);
      const sha = createHash('sha256').update(bin).digest('hex');
      if (sha !== f.sha256) throw new Error(`${f.file} has sha256 ${sha} but the face-landmarks card says ${f.sha256}`);
      const manifest = JSON.parse(readFileSync(resolve(weights, f.manifest), 'utf8')) as { weights: Parameters<Tfjs['io']['decodeWeights']>[1] }[];
      const buffer = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
      net.loadFromWeightMap(tf.io.decodeWeights(buffer, manifest.flatMap((g) => g.weights)));
    };
    const detector = settings.detector.net;
    load(api.nets[detector], card.weights[detector]);
    load(api.nets.faceLandmark68Net, card.weights.faceLandmark68Net);
    return new FaceLandmarker(tf, api, settings, card.version);
  }

  /**
   * The most confident plausible face in a photo turned clockwise by `orientation` from upright
   * (the geometry stage's answer), searched in the upright photo; points come back in the photo's pixels.
   * `refuse` may turn a plausible face down for what the caller knows of the photo (its points in the
   * photo's pixels; a reason, or null to take it): the next candidate is then tried.
   */
  async find(img: RgbImage, orientation: 0 | 90 | 180 | 270 = 0, refuse?: (points: Point[]) => string | null): Promise<FaceSearch> {
    const view = await turnedDownscaled(img, orientation, this.settings.maxInputSide);
    const first = await this.search(view, refuse);
    if (first.face) return first;
    // Under coloured light (a red bathroom bulb) the detector misses faces it finds in the same photo
    // balanced: look again in a grey-world copy when the photo leans this far from grey.
    const cast = castStats(view.image);
    if (cast.magnitude < this.settings.balancedRetryCast) return first;
    const second = await this.search({ ...view, image: greyWorldBalanced(view.image) }, refuse);
    return { face: second.face && { ...second.face, balanced: true }, rejected: [...first.rejected, ...second.rejected] };
  }

  private async search(view: UprightView, refuse?: (points: Point[]) => string | null): Promise<FaceSearch> {
    const input = this.tf.tensor3d(view.image.data, [view.image.height, view.image.width, 3], 'int32');
    let found;
    try {
      const d = this.settings.detector;
      const options =
        d.net === 'ssdMobilenetv1'
          ? new this.api.SsdMobilenetv1Options({ minConfidence: d.minConfidence, maxResults: d.maxResults })
          : new this.api.TinyFaceDetectorOptions({ inputSize: d.inputSize, scoreThreshold: d.scoreThreshold });
      found = await this.api.detectAllFaces(input, options).withFaceLandmarks();
    } finally {
      input.dispose();
    }
    found.sort((a, b) => b.detection.score - a.detection.score);
    const rejected: FaceSearch['rejected'] = [];
    for (const f of found) {
      const upright = f.landmarks.positions.map((p): Point => [p.x, p.y]);
      const reasons = implausibleFaceReasons(upright, f.detection.box.width);
      if (reasons.length) {
        rejected.push({ score: round(f.detection.score), reasons, points: pointsToPhoto(upright, view) });
        continue;
      }
      const points = pointsToPhoto(upright, view);
      const refused = refuse?.(points) ?? null;
      if (refused) {
        rejected.push({ score: round(f.detection.score), reasons: [refused], points });
        continue;
      }
      return { face: { score: round(f.detection.score), points, shape: faceShape(points) }, rejected };
    }
    return { face: null, rejected };
  }
}

const round = (v: number): number => Math.round(v * 1000) / 1000;
