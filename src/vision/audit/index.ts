// Scar-camouflage audit from before/after photos (DESIGN.md section 3, `smp audit`).
export { runAudit, runAuditDetailed, auditSync, type AuditInput, type AuditRun, type AuditArtifacts } from './run-audit.js';
export { AuditResultSchema, RegistrationSchema, FlagSchema, PhotoMeasureSchema, type AuditResult, type AuditFlag } from './schema.js';
export { renderAuditSideBySide, renderAuditPdf, heatColour } from './render.js';
export { registerToReference, REGISTRATION_DEFAULTS, type Registration, type RegistrationOptions } from './register.js';
export { warpToReference } from './warp.js';
export { cheonBand, CHEON_BANDS, CHEON_MEANS, CHEON_BOUNDARIES, type CheonBand } from './bands.js';
export { DEFAULT_THRESHOLDS, type FlagThresholds } from './thresholds.js';
export { FLAG_IDS, type FlagId, type FlagCheck } from './flags.js';
export { loadOpenCv, type OpenCv } from './opencv.js';
export { applyHomography, invert, similarity, transferError, type Homography } from './homography.js';
export { AuditInputError, AuditPhotoTooSmallError, type AuditInputField } from './errors.js';
export { AUDIT_MIN_SIDE, PX_PER_CM_LIMITS, SCAR_POLYGON_LIMITS } from './limits.js';
