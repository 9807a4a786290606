/**
 * Bulk reads for the whole-tenant scan. On PGlite the stored features come out of one COPY in binary
 * format: PGlite spends about five times longer writing the same rows as CSV (it inspects every
 * character for quoting), which at a million customers is the difference between one and five
 * seconds. On PostgreSQL an ordinary array-mode query is as fast (`Database.copyRows`).
 */
import type { Database } from '../../db/connection.ts';
import { uuidLiteral } from './matchIndex.ts';

/** Customer ids and their packed feature texts, in the same order. */
export interface FeatureRows {
  ids: string[];
  texts: string[];
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function uuidAt(bytes: Uint8Array, at: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[bytes[at + i]!]!;
  }
  return s;
}

const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];

/** Rows of a binary COPY of (uuid, text). */
export function parseBinaryFeatureCopy(buffer: ArrayBuffer): FeatureRows {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  const out: FeatureRows = { ids: [], texts: [] };
  if (bytes.length === 0) return out;
  for (let i = 0; i < SIGNATURE.length; i++) {
    if (bytes[i] !== SIGNATURE[i]) throw new Error('Not a binary COPY');
  }
  let at = SIGNATURE.length + 4;
  at += 4 + view.getInt32(at);
  const decoder = new TextDecoder();
  for (;;) {
    const fields = view.getInt16(at);
    at += 2;
    if (fields === -1) break;
    if (fields !== 2) throw new Error(`Expected 2 fields, got ${fields}`);
    const idLength = view.getInt32(at);
    at += 4;
    const id = uuidAt(bytes, at);
    at += idLength;
    const textLength = view.getInt32(at);
    at += 4;
    out.ids.push(id);
    out.texts.push(textLength < 0 ? '' : decoder.decode(bytes.subarray(at, at + textLength)));
    if (textLength > 0) at += textLength;
  }
  return out;
}

/** Every stored feature row of the tenant (customers of the match index), in storage order. */
export async function readFeatureRows(database: Database, tenantId: string): Promise<FeatureRows> {
  const select = `SELECT customer_id, features FROM customer_match_features WHERE tenant_id = '${uuidLiteral(tenantId)}'`;
  if (database.pglite) {
    const result = await database.pglite.query(`COPY (${select}) TO '/dev/blob' WITH (FORMAT binary)`);
    return result.blob ? parseBinaryFeatureCopy(await result.blob.arrayBuffer()) : { ids: [], texts: [] };
  }
  const out: FeatureRows = { ids: [], texts: [] };
  for (const [id, text] of await database.copyRows(select)) {
    out.ids.push(id as string);
    out.texts.push(text ?? '');
  }
  return out;
}
