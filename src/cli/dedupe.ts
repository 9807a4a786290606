/**
 * `clienteel dedupe INPUT.csv --output OUT.csv [--country BE] [--threshold 0.9]`
 *
 * Reads customers in the canonical columns, writes `id,cluster_id,match_probability` per input row.
 * A bad file fails with one line naming the line number, exit code 1, and no output file: the output is
 * written to a temporary file and renamed only when everything succeeded.
 */
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { dedupe, DEFAULT_THRESHOLD } from '../core/matching/index.ts';
import type { Gender, MatchRecord } from '../core/matching/index.ts';

export interface CliIo {
  stdout: { write: (s: string) => unknown };
  stderr: { write: (s: string) => unknown };
}

const GENDERS: ReadonlySet<string> = new Set(['female', 'male', 'diverse', 'child']);

const cell = (row: Record<string, string>, name: string): string | null => {
  const v = row[name];
  return v === undefined || v.trim() === '' ? null : v;
};

/** A canonical-column CSV row as a matcher record (unknown columns ignored, missing ones null). */
export function recordFromRow(row: Record<string, string>): MatchRecord {
  const gender = cell(row, 'gender')?.trim().toLowerCase() ?? null;
  return {
    id: (row['id'] ?? '').trim(),
    firstName: cell(row, 'first_name'),
    lastName: cell(row, 'last_name'),
    gender: gender !== null && GENDERS.has(gender) ? (gender as Gender) : null,
    email: cell(row, 'email'),
    mobile: cell(row, 'mobile'),
    landline: cell(row, 'landline'),
    phone2: cell(row, 'phone2'),
    birthDate: cell(row, 'birth_date'),
    street: cell(row, 'street'),
    houseNumber: cell(row, 'house_number'),
    postalCode: cell(row, 'postal_code'),
    city: cell(row, 'city'),
    country: cell(row, 'country')?.trim().toUpperCase() ?? null,
  };
}

interface Args {
  input: string;
  output: string;
  country: string;
  threshold: number;
}

function parseArgs(argv: string[]): Args | string {
  let input: string | null = null;
  let output: string | null = null;
  let country = 'BE';
  let threshold = DEFAULT_THRESHOLD;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (): string | null => argv[++i] ?? null;
    if (a === '--output' || a === '-o') output = value();
    else if (a === '--country') country = (value() ?? '').toUpperCase();
    else if (a === '--threshold') threshold = Number(value());
    else if (a.startsWith('--')) return `unknown option ${a}`;
    else if (input === null) input = a;
    else return `unexpected argument ${a}`;
  }
  if (input === null) return 'missing INPUT.csv';
  if (output === null) return 'missing --output OUT.csv';
  if (!/^[A-Z]{2}$/.test(country)) return `--country must be a two-letter code, got "${country}"`;
  if (!(threshold > 0 && threshold < 1)) return '--threshold must be between 0 and 1';
  return { input, output, country, threshold };
}

function readRecords(text: string, file: string): MatchRecord[] | string {
  if (text.trim() === '') return `${file}: the file is empty`;
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    const line = e.lines ?? '?';
    return `${file}: line ${line}: ${String(e.message ?? error).replace(/^Invalid Record Length: /, '')}`;
  }
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const idColumn = header.indexOf('id');
  if (idColumn < 0) return `${file}: line 1: no "id" column in the header`;
  const records: MatchRecord[] = [];
  const seen = new Set<string>();
  for (let r = 1; r < rows.length; r++) {
    const values = rows[r] as string[];
    const row: Record<string, string> = {};
    header.forEach((h, i) => {
      row[h] = values[i] ?? '';
    });
    const record = recordFromRow(row);
    if (record.id === '') return `${file}: line ${r + 1}: empty id`;
    if (seen.has(record.id)) return `${file}: line ${r + 1}: duplicate id "${record.id}"`;
    seen.add(record.id);
    records.push(record);
  }
  return records;
}

function progressBar(io: CliIo): (phase: string, done: number, total: number) => void {
  const isTty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  return (phase, done, total) => {
    if (!isTty) return;
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    io.stderr.write(
      `\r${phase.padEnd(8)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}   `,
    );
    if (phase === 'cluster' && done === total) io.stderr.write('\n');
  };
}

export async function runDedupe(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr.write(
      `dedupe: ${args}\nusage: dedupe INPUT.csv --output OUT.csv [--country BE] [--threshold 0.9]\n`,
    );
    return 1;
  }
  let text: string;
  try {
    text = await readFile(args.input, 'utf8');
  } catch (error) {
    io.stderr.write(`dedupe: cannot read ${args.input}: ${(error as Error).message}\n`);
    return 1;
  }
  const records = readRecords(text, args.input);
  if (typeof records === 'string') {
    io.stderr.write(`dedupe: ${records}\n`);
    return 1;
  }
  const started = performance.now();
  const result = dedupe(records, {
    defaultCountry: args.country,
    threshold: args.threshold,
    onProgress: progressBar(io),
  });
  const csv = stringify(
    result.clusters.map((c) => [c.id, c.clusterId, c.probability.toFixed(4)]),
    { header: true, columns: ['id', 'cluster_id', 'match_probability'] },
  );
  const temp = path.join(path.dirname(args.output), `.${path.basename(args.output)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, csv, 'utf8');
    await rename(temp, args.output);
  } catch (error) {
    await unlink(temp).catch(() => {});
    io.stderr.write(`dedupe: cannot write ${args.output}: ${(error as Error).message}\n`);
    return 1;
  }
  const s = result.stats;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.stderr.write(
    `dedupe: ${s.records} customers, ${s.candidatePairs} pairs compared, ${s.groups} duplicate groups holding ${s.recordsInGroups} customers, ${seconds}s → ${args.output}\n`,
  );
  return 0;
}
