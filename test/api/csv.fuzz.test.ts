/**
 * Property-based fuzzing of the CSV import (issue 7): files shaped like salons' exports — a header
 * from the real column vocabularies (Voornaam, Prénom, Vorname, GSM, Handy, E-mail, …) and unknown
 * columns, a random delimiter, quoting that is right, missing, unbalanced or followed by text,
 * newlines inside quoted cells, ragged rows, blank lines, a byte-order mark or not, UTF-8,
 * Windows-1252 or UTF-16 — with realistic names, phones, e-mails and dates mixed with junk
 * (`<script>`, emoji, very long strings, control characters, NUL), plus a share of random bytes.
 *
 *  1. The parser returns rows or one of its own file errors (with a sentence in every language);
 *     it never throws. A well-formed file is read back exactly.
 *  2. Through the API: an upload is a 201 or a 4xx with {error:{code,message}}, never a 5xx, and a
 *     refused upload writes nothing. A dry run of an accepted file is never a 5xx and changes no
 *     customer. Some are applied: the job ends done (or failed, with a message), the customers
 *     added are exactly the rows the report calls created, every one with source "import", and the
 *     customers changed are exactly the rows it calls updated.
 * CSV_FUZZ_RUNS (default 25 API runs; the parser gets 12 times as many) and CSV_FUZZ_SEED make
 * longer or different runs.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIMITERS, ENCODINGS, parseCustomerFile } from '../../src/core/import/index.ts';
import type { Delimiter, ImportFileErrorCode, ParseOptions } from '../../src/core/import/index.ts';
import '../../src/modules/imports/imports.messages.ts';
import { LANGUAGES } from '../../src/modules/shared/language.ts';
import { translate } from '../../src/modules/shared/messages.ts';
import { createTestContext, tokenClient } from '../support/app.ts';
import type { Client, TestContext } from '../support/app.ts';
import { seedTenant } from '../support/seed.ts';
import type { TenantObjects } from '../support/seed.ts';
import { snapshotOf } from '../support/snapshot.ts';

const RUNS = Number(process.env.CSV_FUZZ_RUNS ?? 25);
const PARSE_RUNS = RUNS * 12;
const SEED = Number(process.env.CSV_FUZZ_SEED ?? 20261124);
/** At most this many accepted files are applied (each apply is a job with its own transactions). */
const MAX_APPLIES = Math.max(3, Math.ceil(RUNS / 4));

const FILE_ERRORS: readonly ImportFileErrorCode[] = [
  'import.empty_file',
  'import.binary_file',
  'import.spreadsheet_file',
  'import.unknown_encoding',
  'import.invalid_utf8',
  'import.header_only',
  'import.unbalanced_quotes',
  'import.invalid_quotes',
  'import.ragged_row',
  'import.cell_too_large',
  'import.too_many_rows',
  'import.too_many_columns',
];

// ---------------------------------------------------------------------------------------------
// CSV-shaped files

type Kind =
  | 'first'
  | 'last'
  | 'full'
  | 'mobile'
  | 'email'
  | 'birth'
  | 'address'
  | 'newsletter'
  | 'gender'
  | 'notes'
  | 'unknown';

const HEADERS: Record<Kind, readonly string[]> = {
  first: ['Voornaam', 'Prénom', 'Vorname', 'First name', 'first_name', 'VOORNAAM '],
  last: ['Familienaam', 'Achternaam', 'Nom de famille', 'Nachname', 'Last name', 'Familie naam'],
  full: ['Naam', 'Nom', 'Name', 'Klantnaam'],
  mobile: ['GSM', 'Handy', 'Mobiel', 'Portable', 'Telefoon', 'Téléphone', 'Tel.', 'Natel'],
  email: ['E-mail', 'Email', 'Courriel', 'E-Mail-Adresse', 'Mail', 'e-mailadres'],
  birth: ['Geboortedatum', 'Date de naissance', 'Geburtsdatum', 'Birthday', 'Verjaardag'],
  address: ['Gemeente', 'Woonplaats', 'Ville', 'Ort', 'Postcode', 'Code postal', 'PLZ', 'Straat', 'Huisnr'],
  newsletter: ['Nieuwsbrief', 'Newsletter', "Lettre d'information"],
  gender: ['Geslacht', 'Sexe', 'Anrede', 'Aanspreking'],
  notes: ['Opmerking', 'Notes', 'Bemerkung', 'Remarques'],
  unknown: ['Kolom1', 'Klantnr', 'Lieblingsfarbe', 'Laatste afspraak', '', 'ID', 'Column 12', 'Punten'],
};

/** Values a customer record accepts. */
const VALUES: Record<Kind, readonly string[]> = {
  first: ['Jan', 'Séverine', 'Joël', 'Jürgen', 'Zoë', 'Anaïs', 'Stefanie', 'Ahmed', 'Marie-Claire', 'Els'],
  last: [
    'Peeters',
    'Dupré',
    'Müller',
    'Groß',
    'El Amrani',
    "O'Brien",
    'Van den Bossche',
    'Lefèvre',
    'Janssens',
  ],
  full: [
    'Jan Peeters',
    'Dupré, Joël',
    'Mevr. Els Vermeulen',
    'Hans Müller-Lüdenscheidt',
    'Zoë',
    'Van Damme Jean-Claude',
  ],
  mobile: [
    '0475 88 88 88',
    '+32 486 12 34 56',
    '0486123456',
    '0049 171 1234567',
    '+33 6 12 34 56 78',
    '0475/88.88.88',
  ],
  email: [
    'jan.peeters@telenet.be',
    'Jan.Peeters+salon@gmail.com',
    'severine@proximus.be',
    'info@kapsalon-lotus.be ',
  ],
  birth: ['24/03/1985', '1990-07-11', '11.07.1990', '3-4-79'],
  address: ['Gent', 'Liège', 'Köln', '9000', 'B-2000', 'Kerkstraat 12', '12A bus 3', 'Sint-Martens-Latem'],
  newsletter: ['ja', 'nee', 'oui', 'non', '1', '0', 'Ja'],
  gender: ['M', 'V', 'F', 'Mevr.', 'Herr', 'Madame'],
  notes: [
    'vaste klant',
    'allergisch voor "ammoniak"',
    'lijn 1\nlijn 2',
    'a;b,c\td',
    'kleurt 7.1 + 20 vol',
    '=HYPERLINK("http://evil.example")',
  ],
  unknown: ['42', '', 'blauw', '2026-11-24 10:00', 'C-0001', '3,50', '€ 12,00'],
};

/** Values a salon's export has that make the row invalid (or are doubtful). */
const DUBIOUS: Record<Kind, readonly string[]> = {
  first: ['J.', '-', '?'],
  last: ['x', '.', 'NN'],
  full: [',', 'Peeters,'],
  mobile: ['09 222 33 44', '12', 'geen', '+32486123456 / 0475888888', '0000000000'],
  email: ['a@b', 'x@@y', 'zoë@example.be', 'no-email', 'jan@telenet'],
  birth: ['31/02/1990', '2099-01-01', '0/0/0', '19850324', '1 mei 1980', '1899-12-31'],
  address: ['?', '0'],
  newsletter: ['x', 'misschien', 'TRUE', 'oui/non'],
  gender: ['X', '?', 'Mme/M.'],
  notes: ['—'],
  unknown: ['#N/A', '#REF!'],
};

const KINDS = Object.keys(HEADERS) as Kind[];
const NAME_KINDS: Kind[] = ['first', 'last', 'full'];

const junk: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      '👩‍🎤',
      '🙂 Zoë 🙂',
      "'; DROP TABLE customers; --",
      '=cmd|/c calc!A1',
      'Jan\u0000Peeters',
      '\u0000',
      'bel\u0007\u0008\u001b[31m',
      '\u200b\u200e\u202e',
      '\ufeffBOM',
      'null',
      '"',
      '""',
      'a"b',
      '\r',
      '\n',
      '   ',
      '\t',
      'ÃƒÂ©',
      '\ud800',
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 6_000 }).map((n) => 'Lorem ipsum '.repeat(n / 12)) },
);

/**
 * How messy a file is: 0 a clean export (realistic values, right quoting, no ragged rows), 1 now
 * and then a junk value or a broken quote, 2 junk and broken quoting everywhere.
 */
type Mess = 0 | 1 | 2;

const cellValue = (kind: Kind, mess: Mess): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 160, arbitrary: fc.constantFrom(...VALUES[kind]) },
    { weight: 10, arbitrary: fc.constantFrom(...DUBIOUS[kind]) },
    { weight: 40, arbitrary: fc.constant('') },
    { weight: [0, 10, 40][mess]!, arbitrary: junk },
    // A cell longer than a row may be (64,000 characters).
    { weight: mess === 2 ? 1 : 0, arbitrary: fc.constant('x'.repeat(70_000)) },
  );

type Quoting = 'auto' | 'always' | 'never' | 'open' | 'trail' | 'inner';
const quoting = (mess: Mess): fc.Arbitrary<Quoting> =>
  fc.oneof(
    { weight: 40, arbitrary: fc.constant<Quoting>('auto') },
    { weight: 8, arbitrary: fc.constant<Quoting>('always') },
    { weight: [0, 1, 6][mess]!, arbitrary: fc.constant<Quoting>('never') },
    { weight: [0, 0, 2][mess]!, arbitrary: fc.constantFrom<Quoting>('open', 'trail', 'inner') },
  );

interface Cell {
  value: string;
  quoting: Quoting;
}
type Line = { blank: false; cells: Cell[] } | { blank: true; text: string };
type FileEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le-bom' | 'utf-16le';

interface CsvFile {
  header: Cell[];
  lines: Line[];
  delimiter: Delimiter;
  eol: '\n' | '\r\n' | '\r';
  trailingEol: boolean;
  encoding: FileEncoding;
}

const csvFile = (opts: { maxRows: number }): fc.Arbitrary<CsvFile> =>
  fc
    .record({
      // Usually a name column, so the suggested mapping can be dry-run.
      mess: fc.constantFrom<Mess>(0, 0, 1, 1, 2),
      nameKind: fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...NAME_KINDS) },
        { weight: 1, arbitrary: fc.constantFrom(...KINDS) },
      ),
      otherKinds: fc.array(fc.constantFrom(...KINDS), { maxLength: 8 }),
      rotate: fc.nat(),
      delimiter: fc.constantFrom(...DELIMITERS),
      eol: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom<CsvFile['eol']>('\n', '\r\n') },
        { weight: 1, arbitrary: fc.constant<CsvFile['eol']>('\r') },
      ),
      trailingEol: fc.boolean(),
      encoding: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom<FileEncoding>('utf-8', 'utf-8-bom', 'windows-1252') },
        { weight: 1, arbitrary: fc.constantFrom<FileEncoding>('utf-16le-bom', 'utf-16le') },
      ),
    })
    .chain(({ mess, nameKind, otherKinds, rotate, ...rest }) => {
      const kinds = [nameKind, ...otherKinds];
      const r = rotate % kinds.length;
      const columns = [...kinds.slice(r), ...kinds.slice(0, r)];
      const headerCell = (kind: Kind) =>
        fc.record({
          value: fc.oneof(
            { weight: 10, arbitrary: fc.constantFrom(...HEADERS[kind]) },
            { weight: mess, arbitrary: junk },
          ),
          quoting: quoting(mess),
        });
      const row = fc
        .record({
          cells: fc.tuple(
            ...columns.map((k) => fc.record({ value: cellValue(k, mess), quoting: quoting(mess) })),
          ),
          // A ragged row: cells missing, or extra ones (empty or not).
          ragged: fc.oneof(
            { weight: 12, arbitrary: fc.constant(0) },
            { weight: mess, arbitrary: fc.integer({ min: -3, max: 3 }) },
          ),
          extra: fc.record({
            value: fc.oneof(fc.constant(''), cellValue('unknown', mess)),
            quoting: quoting(mess),
          }),
        })
        .map(({ cells, ragged, extra }): Line => {
          const list: Cell[] = [...cells];
          if (ragged < 0) list.splice(Math.max(1, list.length + ragged));
          for (let i = 0; i < ragged; i++) list.push(extra);
          return { blank: false, cells: list };
        });
      const blank = fc
        .constantFrom('', ' ', '\t', 'delims')
        .map((text): Line => ({ blank: true, text: text === 'delims' ? rest.delimiter.repeat(3) : text }));
      return fc.record({
        header: fc.tuple(...columns.map(headerCell)),
        lines: fc.array(fc.oneof({ weight: 8, arbitrary: row }, { weight: 1, arbitrary: blank }), {
          maxLength: opts.maxRows,
        }),
        delimiter: fc.constant(rest.delimiter),
        eol: fc.constant(rest.eol),
        trailingEol: fc.constant(rest.trailingEol),
        encoding: fc.constant(rest.encoding),
      });
    });

function renderCell(cell: Cell, delimiter: string): string {
  const v = cell.value;
  const quoted = `"${v.replaceAll('"', '""')}"`;
  switch (cell.quoting) {
    case 'auto':
      return /["\r\n]/.test(v) || v.includes(delimiter) ? quoted : v;
    case 'always':
      return quoted;
    case 'never':
      return v;
    case 'open':
      return `"${v}`;
    case 'trail':
      return `${quoted}x`;
    case 'inner':
      return `x"${v}"x`;
  }
}

function renderText(file: CsvFile): string {
  const lines = [file.header, ...file.lines].map((line) => {
    if (Array.isArray(line)) return line.map((c) => renderCell(c, file.delimiter)).join(file.delimiter);
    return line.blank ? line.text : line.cells.map((c) => renderCell(c, file.delimiter)).join(file.delimiter);
  });
  return lines.join(file.eol) + (file.trailingEol ? file.eol : '');
}

function encodeText(text: string, encoding: FileEncoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-8-bom':
      return new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    case 'windows-1252':
      return new Uint8Array(iconv.encode(text, 'windows-1252'));
    case 'utf-16le-bom':
      return new Uint8Array([0xff, 0xfe, ...iconv.encode(text, 'utf-16le')]);
    case 'utf-16le':
      return new Uint8Array(iconv.encode(text, 'utf-16le'));
  }
}

/** A value as it comes back after encoding (unmappable characters, lone surrogates). */
function roundTrip(value: string, encoding: FileEncoding): string {
  // Decoded on its own, a value starting with U+FEFF must keep it, as it does inside the file.
  if (encoding === 'windows-1252') return iconv.decode(iconv.encode(value, 'windows-1252'), 'windows-1252');
  if (encoding.startsWith('utf-16'))
    return iconv.decode(iconv.encode(value, 'utf-16le'), 'utf-16le', { stripBOM: false });
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(new TextEncoder().encode(value));
}

/**
 * What a correct reader must make of a well-formed file — every cell quoted where needed, no
 * ragged row, nothing that makes it binary — read with its delimiter and encoding given; undefined
 * for any other file.
 */
function expectedOf(
  file: CsvFile,
  bytes: Uint8Array,
): { header: string[]; rows: string[][] } | { error: ImportFileErrorCode } | undefined {
  if (file.encoding === 'utf-16le') return undefined;
  const cells = [file.header, ...file.lines.flatMap((l) => (l.blank ? [] : [l.cells]))];
  const wellFormed = cells.every((row) =>
    row.every(
      (c) =>
        (c.quoting === 'auto' || c.quoting === 'always') &&
        // eslint-disable-next-line no-control-regex
        !/[\u0000-\u0008\u000b-\u001f]/.test(c.value),
    ),
  );
  if (!wellFormed) return undefined;
  if (file.lines.some((l) => !l.blank && l.cells.length !== file.header.length)) return undefined;
  if (cells.some((row) => row.reduce((n, c) => n + c.value.length + 3, 0) > 50_000)) return undefined;
  // Bytes that look like another encoding's byte-order mark decide otherwise, by design.
  const bom = [
    [0xef, 0xbb, 0xbf],
    [0xff, 0xfe],
    [0xfe, 0xff],
  ].some((p) => p.every((b, i) => bytes[i] === b));
  if (bom !== (file.encoding === 'utf-8-bom' || file.encoding === 'utf-16le-bom')) return undefined;
  const blank = (r: readonly string[]) => r.every((c) => c.trim() === '');
  const records = cells
    .map((row) => row.map((c) => roundTrip(c.value, file.encoding)))
    .filter((r) => !blank(r));
  if (records.length === 0) return { error: 'import.empty_file' };
  if (records.length === 1) return { error: 'import.header_only' };
  return { header: records[0]!.map((h) => h.trim()), rows: records.slice(1) };
}

const randomBytes = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 2_000 }) },
  // Printable-ish bytes: gets past the binary check more often.
  { weight: 2, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 2_000, min: 0x09, max: 0xff }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom([0x50, 0x4b, 0x03, 0x04], [0xd0, 0xcf, 0x11, 0xe0], [0xef, 0xbb, 0xbf], [0xff, 0xfe]),
        fc.uint8Array({ maxLength: 500 }),
      )
      .map(([prefix, rest]) => new Uint8Array([...prefix, ...rest])),
  },
);

/** A file to upload: a CSV-shaped one, the same with bytes overwritten, or random bytes. */
type Input =
  | { kind: 'csv'; file: CsvFile }
  | { kind: 'mutated'; file: CsvFile; at: [number, number][] }
  | { kind: 'bytes'; bytes: Uint8Array };

/** Shows a counterexample as the start of its file, not as its (possibly 70,000-character) model. */
const shown = (input: Input): Input =>
  Object.assign(input, { [fc.toStringMethod]: () => describeInput(input, bytesOf(input)) });

const inputArb = (maxRows: number): fc.Arbitrary<Input> =>
  fc
    .oneof(
      { weight: 14, arbitrary: csvFile({ maxRows }).map((file): Input => ({ kind: 'csv', file })) },
      {
        weight: 2,
        arbitrary: fc
          .record({
            file: csvFile({ maxRows }),
            at: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
              minLength: 1,
              maxLength: 6,
            }),
          })
          .map(({ file, at }): Input => ({ kind: 'mutated', file, at })),
      },
      { weight: 2, arbitrary: randomBytes.map((bytes): Input => ({ kind: 'bytes', bytes })) },
    )
    .map(shown);

function bytesOf(input: Input): Uint8Array {
  if (input.kind === 'bytes') return input.bytes;
  const bytes = encodeText(renderText(input.file), input.file.encoding);
  if (input.kind === 'mutated' && bytes.length > 0)
    for (const [i, b] of input.at) bytes[i % bytes.length] = b;
  return bytes;
}

function describeInput(input: Input, bytes: Uint8Array): string {
  const shown =
    input.kind === 'bytes'
      ? Buffer.from(bytes.subarray(0, 200)).toString('hex')
      : JSON.stringify(renderText(input.file).slice(0, 400));
  return `${input.kind}${input.kind === 'bytes' ? '' : ` (${input.file.encoding})`}, ${bytes.length} bytes: ${shown}`;
}

/** A file error must have a sentence in every language, with every placeholder filled. */
function sentenceProblem(code: string, params: Record<string, string | number>): string | undefined {
  for (const lang of LANGUAGES) {
    const text = translate(lang, code, params);
    if (text === code || /\{\w+\}/.test(text)) return `${code} in ${lang}: ${JSON.stringify(text)}`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

describe('the CSV parser on fuzzed files', () => {
  it('returns rows or one of its own file errors, never throws; reads a well-formed file exactly', () => {
    const options: fc.Arbitrary<ParseOptions> = fc.record(
      {
        encoding: fc.constantFrom('utf-8' as const, 'windows-1252' as const),
        delimiter: fc.constantFrom(...DELIMITERS),
        limits: fc.record(
          {
            maxRows: fc.integer({ min: 1, max: 6 }),
            maxColumns: fc.integer({ min: 1, max: 6 }),
            maxRowChars: fc.integer({ min: 10, max: 500 }),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(inputArb(25), fc.option(options, { freq: 2 }), (input, opts) => {
        const bytes = bytesOf(input);
        const what = describeInput(input, bytes);
        let result: ReturnType<typeof parseCustomerFile>;
        try {
          result = parseCustomerFile(bytes, opts ?? {});
        } catch (err) {
          throw new Error(`parseCustomerFile threw ${String(err)} on ${what}`, { cause: err });
        }
        if (!result.ok) {
          expect(FILE_ERRORS, what).toContain(result.error.code);
          expect(sentenceProblem(result.error.code, result.error.params), what).toBeUndefined();
        } else {
          const { header, rows, rowNumbers, encoding, delimiter } = result.value;
          // What is read must be storable: PostgreSQL text cannot hold NUL.
          expect(JSON.stringify([header, rows]).includes('\\u0000'), `NUL read from ${what}`).toBe(false);
          const limits = { maxRows: 200_000, maxColumns: 100, ...opts?.limits };
          expect(ENCODINGS, what).toContain(encoding);
          expect(DELIMITERS, what).toContain(delimiter);
          if (opts?.delimiter) expect(delimiter, what).toBe(opts.delimiter);
          expect(header.length, what).toBeGreaterThan(0);
          expect(header.length, what).toBeLessThanOrEqual(limits.maxColumns);
          expect(rows.length, what).toBeGreaterThan(0);
          expect(rows.length, what).toBeLessThanOrEqual(limits.maxRows);
          expect(rowNumbers.length, what).toBe(rows.length);
          for (const row of rows) expect(row.length, what).toBe(header.length);
          for (let i = 0; i < rowNumbers.length; i++) {
            expect(rowNumbers[i], what).toBeGreaterThan(i === 0 ? 1 : rowNumbers[i - 1]!);
          }
        }
        // The oracle: a well-formed file with its delimiter and encoding given is read exactly.
        if (input.kind !== 'csv') return;
        const expected = expectedOf(input.file, bytes);
        if (!expected) return;
        const exact = parseCustomerFile(bytes, {
          delimiter: input.file.delimiter,
          encoding: input.file.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8',
        });
        if ('error' in expected) {
          expect(exact.ok ? 'read' : exact.error.code, what).toBe(expected.error);
        } else {
          expect(
            exact.ok ? { header: exact.value.header, rows: exact.value.rows } : exact.error,
            what,
          ).toEqual(expected);
        }
      }),
      { numRuns: PARSE_RUNS, seed: SEED },
    );
  });

  it('refuses NUL after a byte-order mark or past the first megabyte (found by this fuzzer: a 500)', () => {
    const code = (bytes: Uint8Array) => {
      const r = parseCustomerFile(bytes);
      return r.ok ? 'read' : r.error.code;
    };
    const text = 'Voornaam,Naam\nJan\u0000,Peeters\n';
    expect(code(encodeText(text, 'utf-8-bom'))).toBe('import.binary_file');
    expect(code(encodeText(text, 'utf-16le-bom'))).toBe('import.binary_file');
    expect(code(encodeText(`Naam,Notitie\n${'Jan,x\n'.repeat(200_000)}An\u0000,y\n`, 'utf-8'))).toBe(
      'import.binary_file',
    );
  });
});

// ---------------------------------------------------------------------------------------------

let ctx: TestContext;
let own: TenantObjects;
let api: Client;

beforeAll(async () => {
  ctx = await createTestContext();
  own = await seedTenant(ctx, 'Salon CSV Fuzz');
  api = await tokenClient(ctx, own.tenant);
});
afterAll(async () => ctx?.close());

/** Tables whose snapshot differs. The caller's token records when it was last used. */
function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t] && t !== 'api_tokens');
}

const UPLOAD_WRITES = ['imports', 'import_chunks', 'audit_log'];
const PLAN_WRITES = ['imports', 'import_chunks', 'import_decisions'];

interface CustomerState {
  source: string;
  row: string;
}
async function customerStates(): Promise<Map<string, CustomerState>> {
  const rows = await ctx.database.query<{ id: string; source: string; row: string }>(
    'SELECT id, source, t::text AS row FROM customers t WHERE tenant_id = $1',
    [own.tenantId],
  );
  return new Map(rows.map((r) => [r.id, { source: r.source, row: r.row }]));
}

const fileName = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom('klanten.csv', 'Clients été 2026.csv', 'export (1).CSV', 'Kunden.txt'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '../../../etc/passwd',
      '<img src=x onerror=alert(1)>.csv',
      'a'.repeat(250),
      '',
      'klanten\u0000.csv',
      '👩‍🎤.csv',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

const uploadQuery = fc.record({
  fileName,
  // Mostly detected; now and then forced (rightly or wrongly).
  encoding: fc.oneof(
    { weight: 8, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom('utf-8', 'windows-1252') },
  ),
  delimiter: fc.oneof(
    { weight: 8, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom('comma', 'semicolon', 'tab') },
  ),
  contentType: fc.constantFrom(
    'text/csv',
    'text/csv; charset=utf-8',
    'text/plain',
    'application/octet-stream',
  ),
  language: fc.constantFrom(undefined, 'nl-BE', 'fr-BE', 'de', 'en'),
  apply: fc.oneof({ weight: 2, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  onMatch: fc.constantFrom(undefined, 'update-empty', 'overwrite', 'skip'),
  onPossible: fc.constantFrom(undefined, 'create', 'skip'),
});

describe('the import API on fuzzed files', () => {
  it('refuses a UTF-8 file with a byte-order mark and a NUL in its header, writing nothing (was a 500)', async () => {
    const before = await snapshotOf(ctx.database, own.tenantId);
    const res = await api.request(
      'POST',
      '/api/imports?fileName=klanten.csv',
      Buffer.from(encodeText('Prénom,Jan\u0000Peeters\r\nSéverine,x\r\n', 'utf-8-bom')),
      { 'content-type': 'text/csv' },
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'import.binary_file', field: 'file' });
    expect(changed(before, await snapshotOf(ctx.database, own.tenantId))).toEqual([]);
  });

  it('never answers 5xx; a refused upload writes nothing, a dry run no customer, an apply exactly its report', async () => {
    const stats = {
      runs: 0,
      accepted: 0,
      planned: 0,
      applied: 0,
      failedJobs: 0,
      created: 0,
      updated: 0,
      refused: {} as Record<string, number>,
    };
    await fc.assert(
      fc.asyncProperty(inputArb(15), uploadQuery, async (input, q) => {
        stats.runs++;
        const bytes = bytesOf(input);
        const what = describeInput(input, bytes);
        api.language = q.language;
        const no5xx = (label: string, res: { status: number; text: string }) =>
          expect(res.status, `${label} → ${res.status} ${res.text.slice(0, 300)} on ${what}`).toBeLessThan(
            500,
          );
        const refusal = (label: string, res: { status: number; body: any; text: string }) => {
          no5xx(label, res);
          expect(typeof res.body?.error?.code, `${label} ${res.status} ${res.text.slice(0, 200)}`).toBe(
            'string',
          );
          expect(res.body.error.message, `${label} ${res.text.slice(0, 200)}`).toMatch(/\S/);
          expect(res.body.error.message, `${label} ${res.text.slice(0, 200)}`).not.toMatch(/\{\w+\}/);
        };

        // Upload.
        const before = await snapshotOf(ctx.database, own.tenantId);
        const params = new URLSearchParams({ fileName: q.fileName });
        if (q.encoding) params.set('encoding', q.encoding);
        if (q.delimiter) params.set('delimiter', q.delimiter);
        const uploaded = await api.request('POST', `/api/imports?${params}`, Buffer.from(bytes), {
          'content-type': q.contentType,
        });
        no5xx('upload', uploaded);
        const parsed = parseCustomerFile(bytes, {
          encoding: q.encoding ?? undefined,
          delimiter: q.delimiter ? DELIMITERS[['comma', 'semicolon', 'tab'].indexOf(q.delimiter)] : undefined,
        });
        if (uploaded.status !== 201) {
          refusal('upload', uploaded);
          const code = uploaded.body.error.code as string;
          stats.refused[code] = (stats.refused[code] ?? 0) + 1;
          // The API refuses what the parser refuses, with the parser's code (or a bad query).
          if (uploaded.body.error.code.startsWith('import.')) {
            expect(parsed.ok ? 'read' : parsed.error.code, what).toBe(uploaded.body.error.code);
          }
          expect(changed(before, await snapshotOf(ctx.database, own.tenantId)), what).toEqual([]);
          return;
        }
        stats.accepted++;
        expect(parsed.ok, what).toBe(true);
        if (!parsed.ok) return;
        const imp = uploaded.body;
        expect(imp, what).toMatchObject({
          status: 'uploaded',
          rowCount: parsed.value.rows.length,
          header: parsed.value.header,
          encoding: parsed.value.encoding,
          delimiter: parsed.value.delimiter,
        });
        expect(imp.mapping, what).toHaveLength(parsed.value.header.length);
        const afterUpload = await snapshotOf(ctx.database, own.tenantId);
        for (const t of changed(before, afterUpload))
          expect(UPLOAD_WRITES, `upload wrote ${t}: ${what}`).toContain(t);

        // Dry run with the suggested mapping; without a name column, with the first column as the name.
        let planned = await api.post(`/api/imports/${imp.id}/plan`, {
          mapping: imp.mapping,
          ...(q.onMatch ? { onMatch: q.onMatch } : {}),
          ...(q.onPossible ? { onPossible: q.onPossible } : {}),
        });
        no5xx('plan', planned);
        if (planned.status !== 200) {
          refusal('plan', planned);
          planned = await api.post(`/api/imports/${imp.id}/plan`, {
            mapping: imp.header.map((_: string, i: number) => (i === 0 ? 'fullName' : null)),
          });
          no5xx('plan (first column as name)', planned);
        }
        if (planned.status !== 200) refusal('plan', planned);
        const afterPlan = await snapshotOf(ctx.database, own.tenantId);
        for (const t of changed(afterUpload, afterPlan))
          expect(PLAN_WRITES, `dry run wrote ${t}: ${what}`).toContain(t);
        for (const path of ['', '/rows?limit=500', '/rows?outcome=invalid', '/report']) {
          no5xx(`GET ${path}`, await api.get(`/api/imports/${imp.id}${path}`));
        }
        if (planned.status !== 200) return;
        stats.planned++;
        const summary = planned.body.summary;
        expect(
          summary.new + summary.match + summary.possible + summary.fileDuplicate + summary.invalid,
          what,
        ).toBe(imp.rowCount);

        // Apply a few: the customers added and changed are exactly what the report says.
        if (!(q.apply || stats.applied === 0) || stats.applied >= MAX_APPLIES) return;
        stats.applied++;
        const customersBefore = await customerStates();
        const started = await api.post(`/api/imports/${imp.id}/apply`, {});
        no5xx('apply', started);
        if (started.status !== 202) {
          refusal('apply', started);
          expect(await customerStates(), what).toEqual(customersBefore);
          return;
        }
        await ctx.deps.jobs.drain();
        const job = await api.get(`/api/jobs/${started.body.id}`);
        no5xx('job', job);
        expect(['done', 'failed'], `${JSON.stringify(job.body)} on ${what}`).toContain(job.body.status);
        const after = await api.get(`/api/imports/${imp.id}`);
        no5xx('import', after);
        if (job.body.status === 'failed') {
          stats.failedJobs++;
          expect(job.body.error, what).toMatch(/\S/);
          expect(after.body.status, what).toBe('failed');
        } else {
          expect(after.body.status, what).toBe('applied');
        }
        const report = await api.get(`/api/imports/${imp.id}/report`);
        no5xx('report', report);
        const lines = parseCsv(report.text.replace(/^\uFEFF/, ''), {
          delimiter: imp.delimiter === '\t' ? ';' : imp.delimiter,
          columns: true,
        }) as Record<string, string>[];
        expect(lines, what).toHaveLength(imp.rowCount);
        const reported = (action: string) => lines.filter((l) => l.action === action);

        const customersAfter = await customerStates();
        for (const id of customersBefore.keys())
          expect(customersAfter.has(id), `customer ${id} vanished`).toBe(true);
        const added = [...customersAfter.keys()].filter((id) => !customersBefore.has(id));
        expect(added.length, `customers added vs report: ${what}`).toBe(reported('created').length);
        expect(new Set(added), what).toEqual(new Set(reported('created').map((l) => l.customer_id)));
        for (const id of added) expect(customersAfter.get(id)?.source, what).toBe('import');
        const changedIds = [...customersBefore.keys()].filter(
          (id) => customersBefore.get(id)?.row !== customersAfter.get(id)?.row,
        );
        expect(new Set(changedIds), `customers changed vs report: ${what}`).toEqual(
          new Set(reported('updated').map((l) => l.customer_id)),
        );
        if (job.body.status === 'done') {
          expect(after.body.result?.created ?? 0, what).toBe(added.length);
          expect((job.body.result as { actions: Record<string, number> }).actions, what).toEqual(
            after.body.result,
          );
        }
        stats.created += added.length;
        stats.updated += reported('updated').length;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    api.language = undefined;
    // Sanity: the generator does reach every stage (these hold for any seed at the default size).
    expect(stats.runs).toBe(RUNS);
    if (RUNS >= 20) {
      expect(stats.accepted).toBeGreaterThan(0);
      expect(Object.keys(stats.refused).length).toBeGreaterThan(0);
      expect(stats.applied).toBeGreaterThan(0);
    }
    console.info(`CSV import fuzzing (seed ${SEED}): ${JSON.stringify(stats)}`);
  }, 180_000);
});
