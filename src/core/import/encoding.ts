/**
 * Reading the bytes of a customer file as text. Excel on Windows saves "CSV" in Windows-1252 and
 * "CSV UTF-8" with a byte-order mark; other tools write UTF-8 without one, and "Unicode text" is
 * UTF-16 with a BOM. The rule, in order:
 *  1. a BOM decides (UTF-8, UTF-16 LE/BE);
 *  2. a workbook (.xlsx is a zip, .xls an OLE file) or bytes that are not text are refused;
 *  3. bytes that are valid UTF-8 are UTF-8 (plain ASCII included);
 *  4. otherwise Windows-1252 when the bytes could be Western text in it: none of the five byte
 *     values it leaves undefined, and accented letters a minority of the letters;
 *  5. anything else is an unknown encoding, and the user is told to save as CSV UTF-8.
 */
import iconv from 'iconv-lite';
import { fail } from './errors.ts';
import type { Result } from './errors.ts';

export const ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type FileEncoding = (typeof ENCODINGS)[number];
/** What a user may force when detection guessed wrong. */
export type ForcedEncoding = 'utf-8' | 'windows-1252';

export interface Decoded {
  encoding: FileEncoding;
  text: string;
}

/** Bytes Windows-1252 leaves undefined. */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  prefix.every((b, i) => bytes[i] === b);

function controlShare(bytes: Uint8Array, limit: number): { nul: number; control: number; scanned: number } {
  const n = Math.min(bytes.length, limit);
  let nul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0) nul++;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
  }
  return { nul, control, scanned: n };
}

/** Whether NUL bytes sit on every other position, as in UTF-16 text of Latin letters. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const half = n / 2;
  return Math.max(even, odd) > half * 0.6 && Math.min(even, odd) < half * 0.05;
}

function plausible1252(bytes: Uint8Array): boolean {
  let letters = 0;
  let high = 0;
  for (const b of bytes) {
    if (UNDEFINED_1252.has(b)) return false;
    if (b >= 0x80) high++;
    else if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) letters++;
  }
  // Dutch, French and German text has a few accented letters among many plain ones; a file where
  // most letters are high bytes is Greek, Cyrillic or something else in a code page of its own.
  return high <= (letters + high) * 0.3;
}

/**
 * The text of the bytes, or why they cannot be read. Text with a NUL is never a customer list (and
 * PostgreSQL text cannot hold one), whichever byte-order mark it came with and however far in the
 * file it sits.
 */
export function decodeBytes(bytes: Uint8Array, forced?: ForcedEncoding): Result<Decoded> {
  const decoded = decode(bytes, forced);
  if (decoded.ok && decoded.value.text.includes('\u0000')) return fail('import.binary_file');
  return decoded;
}

function decode(bytes: Uint8Array, forced?: ForcedEncoding): Result<Decoded> {
  if (bytes.length === 0) return fail('import.empty_file');
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = utf8(bytes.subarray(3));
    return text === null ? fail('import.invalid_utf8') : ok('utf-8-bom', text);
  }
  if (startsWith(bytes, [0xff, 0xfe]))
    return ok('utf-16le', iconv.decode(buffer(bytes.subarray(2)), 'utf-16le'));
  if (startsWith(bytes, [0xfe, 0xff]))
    return ok('utf-16be', iconv.decode(buffer(bytes.subarray(2)), 'utf-16be'));
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    return fail('import.spreadsheet_file');
  const { nul, control, scanned } = controlShare(bytes, 1 << 20);
  if (nul > 0) return looksLikeUtf16(bytes) ? fail('import.unknown_encoding') : fail('import.binary_file');
  if (control > scanned * 0.01) return fail('import.binary_file');
  if (forced === 'windows-1252') return ok('windows-1252', iconv.decode(buffer(bytes), 'windows-1252'));
  const text = utf8(bytes);
  if (text !== null) return ok('utf-8', text);
  if (forced === 'utf-8') return fail('import.invalid_utf8');
  if (plausible1252(bytes)) return ok('windows-1252', iconv.decode(buffer(bytes), 'windows-1252'));
  return fail('import.unknown_encoding');
}

function ok(encoding: FileEncoding, text: string): Result<Decoded> {
  return { ok: true, value: { encoding, text } };
}

const buffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The text when the bytes are valid UTF-8, else null. */
function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
