// Quality-gate thresholds. Calibrated on the development photos (../shared/data/hairloss-levels, 275
// photos, 640x640): Laplacian variance 5th/50th/95th percentile 17.5 / 100 / 562 for the photos as
// taken, 2.6 / 5.9 / 16 after a Gaussian blur of sigma 1.5 and 1.1 / 1.5 / 2.3 after sigma 3; mean luma
// 82 / 115 / 145; grey-world cast magnitude 0.04 / 0.13 / 0.30, almost always leaning red (skin).
export const QUALITY_THRESHOLDS = {
  minSide: { error: 320, warning: 640 },
  laplacianVariance: { error: 6, warning: 15 },
  meanLuma: { darkError: 40, darkWarning: 60, brightWarning: 200, brightError: 225 },
  clippedHighlights: { warning: 0.1, error: 0.3 },
  clippedShadows: { warning: 0.25, error: 0.5 },
  // Skin makes photos lean red; other leans are casts from the light or the camera.
  cast: { redWarning: 0.45, otherWarning: 0.15, otherError: 0.35 },
  // Estimated IJG JPEG quality (intake/jpeg-quality.ts). Every development photo reads 74.8 (Roboflow's
  // re-encoding); phone cameras save at 85-97. At quality 5 (read as 12.6: the table saturates) a top
  // view lost its bald area (23 -> 1 cm²) and read Norwood 3 instead of 5.
  jpegQuality: { error: 20, warning: 40 },
} as const;
