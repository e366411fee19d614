// Intake limits, configurable from the environment. Phone photos are 12-48 MP and 2-15 MB.
import { envInt } from '../../env.js';

export interface IntakeLimits {
  /** Largest accepted file in bytes (SMP_MAX_FILE_BYTES, default 25 MiB). */
  maxFileBytes: number;
  /** Largest decoded image in pixels (SMP_MAX_PIXELS, default 50 MP): above it the file is refused unread. */
  maxPixels: number;
  /**
   * Shortest side of the analysis copy below which nothing can be measured (a thumbnail, or a strip
   * such as 20000x1): refused as image-too-small. Photos above it but under the quality gate's
   * resolution minimum are analysed and come back not assessable.
   */
  minAnalysisSide: number;
  /** Longest side of the analysis copy every model and measurement works on. */
  analysisSide: number;
  /** Longest side of the stored, metadata-free copy of the photo. */
  storedSide: number;
}

export function intakeLimits(overrides: Partial<IntakeLimits> = {}): IntakeLimits {
  return {
    maxFileBytes: envInt('SMP_MAX_FILE_BYTES', 25 * 1024 * 1024),
    maxPixels: envInt('SMP_MAX_PIXELS', 50_000_000),
    minAnalysisSide: 32,
    analysisSide: 1024,
    storedSide: 4096,
    ...overrides,
  };
}
