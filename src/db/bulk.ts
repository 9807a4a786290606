/**
 * Bulk inserts through `INSERT … SELECT * FROM unnest($1::type[], …)`: one statement per chunk
 * with one array parameter per column, the same SQL on PGlite and PostgreSQL, and far fewer
 * parameters than a multi-row VALUES list (which caps at 65,535 placeholders).
 */
import type { RawExec } from './connection.ts';

export interface BulkColumn {
  name: string;
  /** PostgreSQL type of the column, e.g. 'uuid', 'text', 'int', 'timestamptz', 'date', 'boolean', 'jsonb'. */
  type: string;
}

export async function bulkInsert(
  exec: RawExec,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly (readonly unknown[])[],
  opts: { chunkSize?: number; onConflict?: string } = {},
): Promise<number> {
  const chunkSize = opts.chunkSize ?? 5000;
  const names = columns.map((c) => c.name).join(', ');
  // jsonb cannot be an array element type in unnest's input here; pass text and cast per row.
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type === 'jsonb' ? 'text' : c.type}[]`).join(', ');
  const select = columns.map((c, i) => (c.type === 'jsonb' ? `c${i}::jsonb` : `c${i}`)).join(', ');
  const alias = columns.map((_, i) => `c${i}`).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT ${select} FROM unnest(${arrays}) AS t(${alias}) ${opts.onConflict ?? ''}`;
  let inserted = 0;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const params = columns.map((c, i) =>
      chunk.map((row) => {
        const v = row[i];
        if (v === undefined || v === null) return null;
        if (c.type === 'jsonb') return JSON.stringify(v);
        if (v instanceof Date) return v.toISOString();
        return v;
      }),
    );
    await exec(sql, params);
    inserted += chunk.length;
  }
  return inserted;
}
