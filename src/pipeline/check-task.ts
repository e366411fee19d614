// One photo through intake and the quality gate only (no segmentation, nothing stored): the consultation
// page's check while the person still holds the phone. Runs in a worker thread; plain data in and out.
import { InputError, type InputErrorKind } from '../vision/errors.js';
import { intakePhoto } from '../vision/intake/decode.js';
import type { IntakeLimits } from '../vision/intake/limits.js';
import { assessWholePhoto, type QualityReport } from '../vision/quality/gate.js';

export interface PhotoCheckTask {
  kind: 'photo-check';
  bytes: Uint8Array;
  limits: IntakeLimits;
}

export type PhotoCheckResult =
  | { ok: true; width: number; height: number; format: string; quality: QualityReport }
  | { ok: false; error: { kind: InputErrorKind; message: string; detail: Record<string, unknown> } };

export async function runPhotoCheck(task: PhotoCheckTask): Promise<PhotoCheckResult> {
  try {
    const intake = await intakePhoto(task.bytes, task.limits);
    const quality = assessWholePhoto(intake);
    return { ok: true, width: intake.width, height: intake.height, format: intake.format, quality };
  } catch (err) {
    if (err instanceof InputError) return { ok: false, error: { kind: err.kind, message: err.message, detail: err.detail } };
    throw err;
  }
}
