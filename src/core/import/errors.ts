/**
 * What can be wrong with an uploaded file as a whole. Each code has a sentence in the imports
 * module's message catalogue; params say where (line or row, as Excel numbers them: the header is
 * row 1) and the limit that was crossed.
 */
export type ImportFileErrorCode =
  | 'import.empty_file'
  | 'import.binary_file'
  | 'import.spreadsheet_file'
  | 'import.unknown_encoding'
  | 'import.invalid_utf8'
  | 'import.header_only'
  | 'import.unbalanced_quotes'
  | 'import.invalid_quotes'
  | 'import.ragged_row'
  | 'import.cell_too_large'
  | 'import.too_many_rows'
  | 'import.too_many_columns';

export interface ImportFileError {
  code: ImportFileErrorCode;
  params: Record<string, string | number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ImportFileError };

export const fail = (code: ImportFileErrorCode, params: Record<string, string | number> = {}) =>
  ({ ok: false, error: { code, params } }) as const;
