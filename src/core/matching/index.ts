/** The matching core: normalisers, blocking, comparison, the Fellegi–Sunter model, clustering. */
export type { Gender, MatchRecord, NameKeys, PreparedRecord, PrepareOptions } from './types.ts';
export { prepareRecord, prepareRecords, createPrepareCache } from './prepare.ts';
export type { PrepareCache } from './prepare.ts';
export { normaliseFirstName, normaliseLastName } from './names.ts';
export { nicknameGroups, areNicknames } from './nicknames.ts';
export { metaphoneKey, cologneKey, dutchKey } from './phonetic.ts';
export { normalisePhone, classifyPhone } from './phone.ts';
export type { PhoneKind } from './phone.ts';
export { canonicalEmail, comparableLocal, localIsOnlyName } from './email.ts';
export { parseBirthDate, compareBirthDates } from './birthDate.ts';
export {
  normaliseStreet,
  parseHouseNumber,
  normalisePostalCode,
  normaliseCity,
  postalDistrict,
} from './address.ts';
export { FIELDS } from './fields.ts';
export type { FieldName } from './fields.ts';
export { comparePair } from './compare.ts';
export {
  blockingKeys,
  generateCandidatePairs,
  BLOCKING_RULES,
  packKeys,
  buildBlockTable,
  forEachCandidatePair,
} from './blocking.ts';
export type { BlockTable, CandidatePairs } from './blocking.ts';
export {
  DEFAULT_MODEL,
  compileModel,
  weightToProbability,
  priorForFileSize,
  withPriorForFileSize,
} from './model.ts';
export type { MatchModel, CompiledModel } from './model.ts';
export { buildTermFrequencies } from './termFrequencies.ts';
export type { TermFrequencies } from './termFrequencies.ts';
export { scorePair, scoreWeight, householdConflict } from './score.ts';
export type { PairResult, FieldExplanation, HouseholdConflict } from './score.ts';
export { explain } from './explain.ts';
export type { Lang } from './explain.ts';
export { clusterPairs } from './cluster.ts';
export type { Clustering, ClusterOptions, ScoredPairs } from './cluster.ts';
export { estimateU, estimateM, seededRandom, TRAINING_RULES } from './estimate.ts';
export {
  scanPrepared,
  estimateModel,
  modelForScan,
  scorePairs,
  collectGroups,
  DEFAULT_THRESHOLD,
  MIN_TRAINING_RECORDS,
} from './scan.ts';
export type { ScanOptions, ScanResult, DuplicateGroup, ScanPhase } from './scan.ts';
export { dedupe } from './dedupe.ts';
export type { DedupeOptions, DedupeResult, DedupePhase } from './dedupe.ts';
