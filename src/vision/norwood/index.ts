// Public surface of the Norwood stage: image features (async, ONNX), then the pure grader.
export { NorwoodFeatureModel } from './features.js';
export { gradeNorwood, REASON_NO_USABLE_PHOTO, ZONE_VIEW_WEIGHT, type GradeOptions } from './grade.js';
export { loadGraderParams, type GraderParams } from './params.js';
export { DEFAULT_STAGE_RULES, type StageRules } from './rules.js';
export * from './types.js';
