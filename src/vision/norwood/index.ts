// Public surface of the Norwood stage: image features and the mask-pattern model (async, ONNX), then
// the pure grader.
export { NorwoodFeatureModel } from './features.js';
export { NorwoodPatternModel } from './pattern-model.js';
export { patternInput } from './pattern-input.js';
export { expectedLevel, viewOutlier, MAX_VIEW_GAP, type ViewOutlier } from './consistency.js';
export { gradeNorwood, REASON_NO_USABLE_PHOTO, withPattern, ZONE_VIEW_WEIGHT, type GradeOptions } from './grade.js';
export { loadGraderParams, type GraderParams } from './params.js';
export { DEFAULT_STAGE_RULES, type StageRules } from './rules.js';
export * from './types.js';
