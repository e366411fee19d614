// Colour science for scalp photos: white balance / colour card, robust skin and hair colour, ITA,
// Monk, Fitzpatrick estimate, undertone, hair-to-skin contrast; per photo and fused per person.
export { measurePhotoColour, whiteBalance, balancedForSegmentation, type MeasureExtras } from './measure.js';
export { fuseSkinTone, DEFAULT_FUSE, type FuseOptions } from './fuse.js';
export { DEFAULT_COLOUR_SETTINGS, withSettings, type ColourSettings } from './settings.js';
export { ita, itaCategory, ITA_CATEGORIES, type ItaCategory } from './ita.js';
export { nearestMonk, MONK_HEX, MONK_LAB, type MonkMatch } from './monk.js';
export { fitzpatrickFromIta, FITZPATRICK_NOTE, type FitzpatrickEstimate } from './fitzpatrick.js';
export { undertoneOf, DEFAULT_UNDERTONE_CUTS, type Undertone, type UndertoneCuts } from './undertone.js';
export { srgb8ToLab, linearToLab, labToHex, hexToLab, deltaE00, deltaE76, chroma, hueAngle, type Lab, type LinearRgb } from './convert.js';
export { applyChannelCast } from './cast.js';
export { correctImage, type Matrix3 } from './correction.js';
export { findColourCard, type CardCorrection } from './card/find-card.js';
export type * from './types.js';
