// Public surface of the scalp geometry stage.
export { analyzeGeometry, REASON_LITTLE_SCALP, REASON_NO_HEAD, type GeometryOptions } from './analyze.js';
export { loadGeometryParams, type GeometryParams, type GeometryRules } from './params.js';
export * from './types.js';
