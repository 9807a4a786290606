/**
 * Bulk reads for the whole-tenant scan. On PGlite the stored features come out of one COPY in text
 * format, split here by hand: PGlite takes several times longer to write the same rows as CSV (it
 * inspects every character for quoting, `Database.copyRows`), which at a million customers is the
 * difference between about two and seven seconds; binary COPY is a little faster to write but slower
 * to take apart in JavaScript. On PostgreSQL an array-mode query (`copyRows`) is as fast.
 */
import type { Database } from '../../db/connection.ts';
import { uuidLiteral } from './matchIndex.ts';

/** Customer ids and their packed feature texts, in the same order. */
export interface FeatureRows {
  ids: string[];
  texts: string[];
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** COPY text format escapes backslashes and the control characters it uses itself. */
function unescapeCopy(field: string): string {
  return field.includes('\\') ? field.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c) : field;
}

/** Rows of a text-format COPY of (uuid, text): one line per row, a tab between the two. */
export function parseFeatureCopy(text: string): FeatureRows {
  const out: FeatureRows = { ids: [], texts: [] };
  let at = 0;
  for (;;) {
    const tab = text.indexOf('\t', at);
    if (tab < 0) break;
    let end = text.indexOf('\n', tab);
    if (end < 0) end = text.length;
    out.ids.push(text.slice(at, tab));
    out.texts.push(unescapeCopy(text.slice(tab + 1, end)));
    at = end + 1;
  }
  return out;
}

/** Every stored feature row of the tenant (customers of the match index), in storage order. */
export async function readFeatureRows(database: Database, tenantId: string): Promise<FeatureRows> {
  const select = `SELECT customer_id, features FROM customer_match_features WHERE tenant_id = '${uuidLiteral(tenantId)}'`;
  if (database.pglite) {
    const result = await database.pglite.query(`COPY (${select}) TO '/dev/blob'`);
    return result.blob ? parseFeatureCopy(await result.blob.text()) : { ids: [], texts: [] };
  }
  const out: FeatureRows = { ids: [], texts: [] };
  for (const [id, text] of await database.copyRows(select)) {
    out.ids.push(id as string);
    out.texts.push(text ?? '');
  }
  return out;
}
