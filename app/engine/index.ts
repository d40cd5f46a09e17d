/**
 * Public API of the progression engine. Pure TypeScript: no I/O, no clock, no framework imports.
 */
export * from "./schema";
export * from "./facts";
export type * from "./types";
export { ENGINE_VERSION } from "./version";
export {
  addDays,
  daysBetween,
  isoWeekday,
  isValidLocalDate,
  isValidTimeZone,
  localDateOf,
  sessionDayOfMorningReport,
  type LocalDate,
} from "./dates";
export { evaluate } from "./evaluate";
export { EngineInputError } from "./context";
export { modelAcceptsPain } from "./flags";
export { resolvePainLimit } from "./criteria/pain";
export { COMPARATOR_SYMBOL } from "./compare";
export {
  adherenceOver,
  adherencePercent,
  countSessions,
  creditedSessions,
  prescribedSessions,
  resolveAdherence,
  stageAdherenceRule,
  type AdherenceReading,
  type AdherenceRule,
  type AdherenceSettings,
  type SessionCounts,
} from "./criteria/adherence";
export { dailyLoad } from "./load";
export { capacityCriteriaOn, involvedValueForSymmetry, limbSymmetryIndex, measureIsLowerBetter } from "./symmetry";
export {
  LefsAnswersSchema,
  MCID,
  PsfsAnswersSchema,
  scoreLefs,
  scorePsfs,
  scoreVisaA,
  scoreVisaP,
  VisaAAnswersSchema,
  VisaPAnswersSchema,
} from "./questionnaires";
export {
  CaseExpectationSchema,
  CaseFileSchema,
  caseToInput,
  expectationMismatches,
  type CaseExpectation,
  type CaseFile,
} from "./case";
export { MEASURE_NAMES, measureName, questionnaireName } from "./measure-names";
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
  type InstrumentScoredFromAnswers,
  type KnownInstrument,
} from "./instruments";
export { SORENESS_ADVICE, SORENESS_WORDS } from "./criteria/soreness";
