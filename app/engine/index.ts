/**
 * Public API of the progression engine. Pure TypeScript: no I/O, no clock, no framework imports.
 */
export * from "./schema";
export * from "./facts";
export type * from "./types";
export { ENGINE_VERSION } from "./version";
export { addDays, daysBetween, isValidLocalDate, localDateOf, sessionDayOfMorningReport } from "./dates";
export { daysInStage, firstStageDay, stageEntryDate } from "./stage-dates";
export { evaluate } from "./evaluate";
export { applicableDoseChanges } from "./applicable-dose-changes";
export { EngineInputError } from "./context";
export { modelAcceptsPain } from "./flags";
export { stageLoggedTests } from "./monitoring";
export {
  adherenceOver,
  countSessions,
  creditedSessions,
  stageAdherenceRule,
  type AdherenceReading,
} from "./criteria/adherence";
export { involvedValueForSymmetry, limbSymmetryIndex, measureIsLowerBetter } from "./symmetry";
export {
  LefsAnswersSchema,
  PsfsAnswersSchema,
  scoreLefs,
  scorePsfs,
  scoreVisaA,
  scoreVisaP,
  VisaAAnswersSchema,
} from "./questionnaires";
export { CaseFileSchema, caseToInput, expectationMismatches } from "./case";
export { measureName, questionnaireName } from "./measure-names";
export {
  INSTRUMENT_NAMES,
  INSTRUMENT_SCORE_RANGES,
  INSTRUMENTS_SCORED_FROM_ANSWERS,
  isInstrumentScore,
  isScoredFromAnswers,
  KNOWN_INSTRUMENTS,
  LEFS_ITEMS,
  PSFS_ACTIVITIES,
  QUESTIONNAIRES,
  VISA_ITEM_MAXIMA,
} from "./instruments";
