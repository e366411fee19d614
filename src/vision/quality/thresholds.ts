// Quality-gate thresholds. Calibrated on the development photos (../shared/data/hairloss-levels, 275
// photos, 640x640): Laplacian variance 5th/50th/95th percentile 17.5 / 100 / 562 for the photos as
// taken, 2.6 / 5.9 / 16 after a Gaussian blur of sigma 1.5 and 1.1 / 1.5 / 2.3 after sigma 3; mean luma
// 82 / 115 / 145; grey-world cast magnitude 0.04 / 0.13 / 0.30, almost always leaning red (skin).
export const QUALITY_THRESHOLDS = {
  minSide: { error: 320, warning: 640 },
  laplacianVariance: { error: 6, warning: 15 },
  // Too bright: the head's mean luma. Too dark: its bright end (95th percentile, exposure.ts), which the
  // light sets and the hair's or skin's own darkness hardly moves. Judged by the mean (40 / 60), well-lit
  // dark hair or dark skin read as a dark photo. npm run eval:exposure, 490 development photos (one per
  // person and view), flagged / refused: as taken 22 / 2 by the mean (L2-002's and L2-027's backs refused:
  // dark hair in good light), 8 / 0 by the bright end; 1 stop darker 102 / 18 and 52 / 6; 2 stops darker
  // 287 / 72 and 322 / 41; 3 stops darker 471 / 234 and 490 / 263.
  meanLuma: { brightWarning: 200, brightError: 225 },
  brightLuma: { darkError: 70, darkWarning: 100 },
  clippedHighlights: { warning: 0.1, error: 0.3 },
  clippedShadows: { warning: 0.25, error: 0.5 },
  // Skin makes photos lean red; other leans are casts from the light or the camera.
  cast: { redWarning: 0.45, otherWarning: 0.15, otherError: 0.35 },
  // Estimated IJG JPEG quality (intake/jpeg-quality.ts). Every development photo reads 74.8 (Roboflow's
  // re-encoding); phone cameras save at 85-97. At quality 5 (read as 12.6: the table saturates) a top
  // view lost its bald area (23 -> 1 cm²) and read Norwood 3 instead of 5.
  jpegQuality: { error: 20, warning: 40 },
} as const;
