/**
 * From the bytes of an uploaded file to a header and rows of text cells, or one error that says
 * what is wrong and where. Nothing is guessed silently: the detected encoding and delimiter are
 * returned so the wizard can show them and the user can override either.
 *
 * Rows and lines: rows are numbered as a spreadsheet shows them (the header is row 1, the first
 * customer row 2, blank lines skipped); quote errors name the physical line, because a broken
 * quote has no row.
 */
import { parse } from 'csv-parse/sync';
import { decodeBytes } from './encoding.ts';
import type { FileEncoding, ForcedEncoding } from './encoding.ts';
import { fail } from './errors.ts';
import type { Result } from './errors.ts';

export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface ImportLimits {
  /** Customer rows per file; a bigger file should be split (the upload limit allows ~15 MB). */
  maxRows: number;
  maxColumns: number;
  /** Characters in one row; a customer's notes may hold 5,000. */
  maxRowChars: number;
}

export const IMPORT_LIMITS: ImportLimits = { maxRows: 200_000, maxColumns: 100, maxRowChars: 64_000 };

export interface ParsedFile {
  encoding: FileEncoding;
  delimiter: Delimiter;
  header: string[];
  /** Cells of each customer row, as many as the header has. */
  rows: string[][];
  /** The spreadsheet row number of each row (header = 1). */
  rowNumbers: number[];
}

export interface ParseOptions {
  encoding?: ForcedEncoding | undefined;
  delimiter?: Delimiter | undefined;
  limits?: Partial<ImportLimits>;
}

interface Scan {
  /** Delimiter counts per record, for the first records. */
  counts: Record<Delimiter, number[]>;
  /** Line where a quote was opened and never closed, or null. */
  unclosedQuoteLine: number | null;
  /** First line where a closing quote is followed by something other than the delimiter or a line break. */
  badClosingQuoteLine: number | null;
}

/** Reads records the way a CSV parser does (quotes, doubled quotes, line breaks inside quotes). */
function scan(text: string, maxRecords: number, delimiter?: Delimiter): Scan {
  const counts: Record<Delimiter, number[]> = { ',': [], ';': [], '\t': [] };
  let current: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  let fieldStart = true;
  let line = 1;
  let openedAt = 0;
  let records = 0;
  let badClosingQuoteLine: number | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else {
          inQuotes = false;
          const next = text[i + 1];
          const fine = next === undefined || next === '\n' || next === '\r' || next === delimiter;
          if (delimiter !== undefined && !fine && badClosingQuoteLine === null) badClosingQuoteLine = line;
        }
      }
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuotes = true;
      openedAt = line;
      fieldStart = false;
      continue;
    }
    if (ch === ',' || ch === ';' || ch === '\t') {
      current[ch]++;
      fieldStart = delimiter === undefined || ch === delimiter;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') continue;
      if (records < maxRecords) for (const d of DELIMITERS) counts[d].push(current[d]);
      records++;
      current = { ',': 0, ';': 0, '\t': 0 };
      fieldStart = true;
      continue;
    }
    // Any other character: a quote later in this field is literal, not an opening quote.
    fieldStart = false;
  }
  if (records < maxRecords && !inQuotes) for (const d of DELIMITERS) counts[d].push(current[d]);
  return { counts, unclosedQuoteLine: inQuotes ? openedAt : null, badClosingQuoteLine };
}

/**
 * The delimiter that splits the first records into the same number of fields most consistently,
 * preferring more fields; a comma when none appears (a one-column file).
 */
export function detectDelimiter(text: string): Delimiter {
  const { counts } = scan(text.slice(0, 256 * 1024), 50);
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const list = counts[d].filter((_, i, all) => i < all.length - 1 || all.length === 1);
    const records = list.length > 0 ? list : counts[d];
    const freq = new Map<number, number>();
    for (const c of records) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 0;
    let modeCount = 0;
    for (const [c, n] of freq) if (n > modeCount || (n === modeCount && c > mode)) [mode, modeCount] = [c, n];
    if (mode === 0) continue;
    const share = modeCount / Math.max(1, records.length);
    const score = share * 1000 + Math.min(mode, 999);
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

interface CsvError extends Error {
  code?: string;
  lines?: number;
}

export function parseCustomerFile(bytes: Uint8Array, opts: ParseOptions = {}): Result<ParsedFile> {
  const limits = { ...IMPORT_LIMITS, ...opts.limits };
  const decoded = decodeBytes(bytes, opts.encoding);
  if (!decoded.ok) return decoded;
  const { text, encoding } = decoded.value;
  if (text.trim() === '') return fail('import.empty_file');
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  // A quote inside an unquoted value is kept as typed ('Jan "Johnny" Peeters'); a quoted value that
  // goes on after its closing quote or never closes is a broken file, reported with its line.
  const quotes = scan(text, 0, delimiter);
  if (quotes.unclosedQuoteLine !== null)
    return fail('import.unbalanced_quotes', { line: quotes.unclosedQuoteLine });
  if (quotes.badClosingQuoteLine !== null)
    return fail('import.invalid_quotes', { line: quotes.badClosingQuoteLine });

  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: limits.maxRowChars,
      // One record more than allowed (plus the header) tells that the file is too long.
      to: limits.maxRows + 2,
    }) as string[][];
  } catch (err) {
    const e = err as CsvError;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') return fail('import.unbalanced_quotes', { line: e.lines ?? 1 });
    if (e.code === 'CSV_MAX_RECORD_SIZE') {
      return fail('import.cell_too_large', { line: e.lines ?? 1, max: limits.maxRowChars });
    }
    if (
      e.code?.startsWith('CSV_INVALID_CLOSING_QUOTE') ||
      e.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'
    ) {
      return fail('import.invalid_quotes', { line: e.lines ?? 1 });
    }
    throw err;
  }

  const blank = (r: readonly string[]) => r.every((c) => c.trim() === '');
  const headerAt = records.findIndex((r) => !blank(r));
  if (headerAt < 0) return fail('import.empty_file');
  const header = (records[headerAt] as string[]).map((h) => h.trim());
  if (header.length > limits.maxColumns) return fail('import.too_many_columns', { max: limits.maxColumns });

  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let r = headerAt + 1; r < records.length; r++) {
    const record = records[r] as string[];
    const rowNumber = r + 1;
    if (blank(record)) continue;
    if (rows.length >= limits.maxRows) return fail('import.too_many_rows', { max: limits.maxRows });
    if (record.length !== header.length) {
      // Trailing empty cells (a spreadsheet's formatted but empty columns) are harmless.
      const extraEmpty = record.length > header.length && blank(record.slice(header.length));
      if (!extraEmpty) {
        return fail('import.ragged_row', { row: rowNumber, expected: header.length, found: record.length });
      }
    }
    rows.push(record.length === header.length ? record : record.slice(0, header.length));
    rowNumbers.push(rowNumber);
  }
  if (rows.length === 0) return fail('import.header_only');
  return { ok: true, value: { encoding, delimiter, header, rows, rowNumbers } };
}
