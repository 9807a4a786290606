/** Customer files: reading (encoding, delimiter, CSV), column mapping, row checks, the duplicate plan. */
export { decodeBytes, ENCODINGS } from './encoding.ts';
export type { FileEncoding, ForcedEncoding, Decoded } from './encoding.ts';
export type { ImportFileError, ImportFileErrorCode, Result } from './errors.ts';
export { parseCustomerFile, detectDelimiter, DELIMITERS, IMPORT_LIMITS } from './parse.ts';
export type { Delimiter, ImportLimits, ParsedFile, ParseOptions } from './parse.ts';
export {
  suggestMapping,
  mappingProblem,
  normaliseHeader,
  isImportTarget,
  IMPORT_TARGETS,
} from './mapping.ts';
export type { ColumnMapping, ImportTarget, MappingProblem } from './mapping.ts';
export { rowToInput, readDate, splitFullName } from './convert.ts';
export { checkRows, checkRow } from './rows.ts';
export type { CheckedRow, RowError } from './rows.ts';
export {
  certainReason,
  classifyAgainstExisting,
  scoreCandidates,
  findFileDuplicates,
  compiled,
  MAX_CANDIDATES,
} from './plan.ts';
export type { Candidate, CertainReason, ExistingOutcome, FileDuplicate, PlanThresholds } from './plan.ts';
