export { ScalpSegmenter, SCALP_SEG } from './scalp-segmenter.js';
export { outputSize, parseContract, type ScalpSegContract } from './contract.js';
export { checkOutputDims, toSegmentation } from './postprocess.js';
export { readRgbImage } from './read-image.js';
