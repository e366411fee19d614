export { recommend } from './recommend.js';
export { DEFAULT_CLINIC_TABLE } from './default-table.js';
export {
  ClinicTableSchema,
  NeedleSchema,
  PigmentSchema,
  parseClinicTable,
  ClinicTableError,
  type ClinicTable,
  type ClinicTableInput,
  type Needle,
  type Pigment,
  type HairGroup,
  type Zone,
  type Goal,
  type ItaCategoryName,
} from './schema.js';
export { planSessionFields, type PlanSessionFields } from './plan-fields.js';
export { needleLabel } from './rules/needle.js';
export { hairGroupFromText } from './rules/basis.js';
export { NOT_ASSESSABLE_WARNING } from './rules/warnings.js';
export type * from './types.js';
export { clinicTableFrom, CLINIC_TABLE_JSON_SCHEMA } from './clinic-table.js';
export { recommendInputFrom, type ConsultationFacts } from './from-colour.js';
export { distinctScars, mergeScars, possibleScars, scarName, type StatedScar, type FoundScarInput, type PossibleScar } from './scars.js';
