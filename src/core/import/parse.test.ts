import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCustomerFile } from './parse.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const cp1252 = (s: string) => new Uint8Array(iconv.encode(s, 'windows-1252'));

function errorOf(bytes: Uint8Array, opts = {}) {
  const r = parseCustomerFile(bytes, opts);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('reading a customer file', () => {
  it('reads a Windows-1252 file with semicolons as Dutch Excel saves it', () => {
    const r = parseCustomerFile(
      cp1252('Voornaam;Familienaam;GSM\r\nSéverine;Müller;0475 88 88 88\r\nJoël;Dupré;\r\n'),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.encoding).toBe('windows-1252');
    expect(r.value.delimiter).toBe(';');
    expect(r.value.header).toEqual(['Voornaam', 'Familienaam', 'GSM']);
    expect(r.value.rows).toEqual([
      ['Séverine', 'Müller', '0475 88 88 88'],
      ['Joël', 'Dupré', ''],
    ]);
    expect(r.value.rowNumbers).toEqual([2, 3]);
  });

  it('reads UTF-8 with and without a byte-order mark, commas, tabs and quoted fields', () => {
    const bom = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...utf8('first_name,notes\nZoë,"says ""hi"", twice\non two lines"\n'),
    ]);
    const r = parseCustomerFile(bom);
    expect(r.ok && r.value.encoding).toBe('utf-8-bom');
    expect(r.ok && r.value.rows[0]).toEqual(['Zoë', 'says "hi", twice\non two lines']);
    const plain = parseCustomerFile(utf8('Vorname\tNachname\nJürgen\tGroß\n'));
    expect(plain.ok && [plain.value.encoding, plain.value.delimiter]).toEqual(['utf-8', '\t']);
    expect(plain.ok && plain.value.rows[0]).toEqual(['Jürgen', 'Groß']);
  });

  it('reads UTF-16 with a byte-order mark (Excel "Unicode text")', () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...iconv.encode('Prénom\tNom\nAnaïs\tLefèvre\n', 'utf-16le')]);
    const r = parseCustomerFile(bytes);
    expect(r.ok && r.value.encoding).toBe('utf-16le');
    expect(r.ok && r.value.rows[0]).toEqual(['Anaïs', 'Lefèvre']);
  });

  it('picks the delimiter that splits every line alike, not one that appears in a note', () => {
    expect(detectDelimiter('Naam;Notitie\nJan;lief, vriendelijk, stipt\nPiet;kort\n')).toBe(';');
    expect(detectDelimiter('name,note\nJan,"a; b"\nPiet,c\n')).toBe(',');
    expect(detectDelimiter('name\nJan\n')).toBe(',');
  });

  it('ignores blank lines and trailing empty cells', () => {
    const r = parseCustomerFile(utf8('a;b\n\nx;y;;\n;;\nz;w\n'));
    expect(r.ok && r.value.rows).toEqual([
      ['x', 'y'],
      ['z', 'w'],
    ]);
  });

  it('lets the user force the encoding and the delimiter', () => {
    const bytes = cp1252('a,b\nCafé,x\n');
    const r = parseCustomerFile(bytes, { encoding: 'windows-1252', delimiter: ';' });
    expect(r.ok && r.value.header).toEqual(['a,b']);
    expect(errorOf(bytes, { encoding: 'utf-8' }).code).toBe('import.invalid_utf8');
  });
});

describe('bad files get one clear error', () => {
  it('an empty file, or one with only blank lines', () => {
    expect(errorOf(new Uint8Array()).code).toBe('import.empty_file');
    expect(errorOf(utf8('\n\r\n  \n')).code).toBe('import.empty_file');
  });

  it('a binary file and an Excel workbook', () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    expect(errorOf(png).code).toBe('import.binary_file');
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]);
    expect(errorOf(xlsx).code).toBe('import.spreadsheet_file');
  });

  it('an unknown encoding: UTF-16 without a byte-order mark, Cyrillic in its own code page', () => {
    expect(errorOf(new Uint8Array(iconv.encode('name,city\nJan,Gent\n', 'utf-16le'))).code).toBe(
      'import.unknown_encoding',
    );
    expect(errorOf(new Uint8Array(iconv.encode('имя;город\nИван;Москва\n', 'windows-1251'))).code).toBe(
      'import.unknown_encoding',
    );
  });

  it('a header without rows', () => {
    expect(errorOf(utf8('Voornaam;Familienaam\r\n')).code).toBe('import.header_only');
  });

  it('a ragged row, naming the row and the counts', () => {
    const e = errorOf(utf8('a;b;c\n1;2;3\n4;5\n'));
    expect(e).toEqual({ code: 'import.ragged_row', params: { row: 3, expected: 3, found: 2 } });
    expect(errorOf(utf8('a;b\n1;2;3\n')).code).toBe('import.ragged_row');
  });

  it('an unbalanced quote, naming the line where it was opened', () => {
    const e = errorOf(utf8('name,note\nJan,ok\nPiet,"never closed\nKlaas,x\nAn,y\n'));
    expect(e).toEqual({ code: 'import.unbalanced_quotes', params: { line: 3 } });
    expect(errorOf(utf8('name,note\nJan,"closed"x\n')).code).toBe('import.invalid_quotes');
  });

  it('a 10 MB cell', () => {
    const e = errorOf(utf8(`name,notes\nJan,${'x'.repeat(10 * 1024 * 1024)}\n`));
    expect(e.code).toBe('import.cell_too_large');
    expect(e.params.line).toBe(2);
  });

  it('a million rows', () => {
    const text = `name\n${'Jan\n'.repeat(1_000_000)}`;
    const e = errorOf(utf8(text));
    expect(e).toEqual({ code: 'import.too_many_rows', params: { max: 200_000 } });
  });

  it('too many columns', () => {
    expect(errorOf(utf8(`${Array.from({ length: 101 }, (_, i) => `c${i}`).join(',')}\n`)).code).toBe(
      'import.too_many_columns',
    );
  });

  it('keeps a quote inside an unquoted value as typed', () => {
    const r = parseCustomerFile(utf8('name,note\nJan "Johnny" Peeters,x\n'));
    expect(r.ok && r.value.rows[0]).toEqual(['Jan "Johnny" Peeters', 'x']);
    const semi = parseCustomerFile(utf8('name;note\nJan;5", "lang\nAn;x\n'));
    expect(semi.ok && semi.value.rows).toEqual([
      ['Jan', '5", "lang'],
      ['An', 'x'],
    ]);
  });
});
