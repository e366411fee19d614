// Builds the recommendation input from the fused colour of src/vision/colour and the consultation's
// other answers, so the pipeline does not have to know which fields the rules read.
import type { FusedColour } from '../../vision/colour/types.js';
import type { RecommendInput, ScarInput } from './types.js';

export interface ConsultationFacts {
  norwood?: RecommendInput['norwood'];
  ludwig?: RecommendInput['ludwig'];
  scars?: ScarInput[];
  possibleScars?: RecommendInput['possibleScars'];
  sex?: 'male' | 'female' | 'other';
  age?: number;
  goals?: string;
  /** The form's free-text hair colour. */
  hairColour?: string;
}

export function recommendInputFrom(colour: FusedColour, facts: ConsultationFacts = {}): RecommendInput {
  const s = colour.skinTone;
  const h = colour.hairColour;
  return {
    skinTone: s ? { ita: s.ita, category: s.category, fitzpatrick: s.fitzpatrick, monk: s.monk, undertone: s.undertone, confidence: s.confidence, calibrated: colour.calibrated } : null,
    ...(s ? {} : skinToneMissing(colour.reasons)),
    hairColour: h ? { lightness: h.lightness, chroma: h.chroma, hueAngle: h.hueAngle, greyFraction: h.greyFraction, name: h.name, confidence: h.confidence } : null,
    contrast: colour.contrast ? { deltaE00: colour.contrast.deltaE00, deltaE76: colour.contrast.deltaE76 } : null,
    norwood: facts.norwood ?? null,
    ...(facts.ludwig ? { ludwig: facts.ludwig } : {}),
    scars: facts.scars,
    possibleScars: facts.possibleScars,
    sex: facts.sex,
    age: facts.age,
    goals: facts.goals,
    statedHairColour: facts.hairColour,
  };
}

/** The colour stage's reason for no skin tone, as the recommendation's warning quotes it. */
function skinToneMissing(reasons: readonly string[]): { skinToneMissing?: string } {
  const why = reasons.find((r) => r.startsWith('skin tone: '));
  // "could not be measured (not read from any photo: ...)" says it twice
  return why ? { skinToneMissing: why.slice('skin tone: '.length).replace(/^not read from any photo: /, '') } : {};
}
