/** Medium tier: the embedded database gets planner statistics although it runs no autovacuum. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/support/db.ts';
import type { TestDatabase } from '../../test/support/db.ts';
import { analyzeStale, staleTables } from './statistics.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

describe('planner statistics', () => {
  it('finds the tables never analysed or grown past twice their size, and analyses them on PGlite', async () => {
    await db.query('CREATE TABLE stats_probe (id int PRIMARY KEY, v text)');
    await db.query(`INSERT INTO stats_probe SELECT g, repeat('x', 100) FROM generate_series(1, 2000) g`);
    if (db.engine === 'pglite') expect(await staleTables(db)).toContain('stats_probe');
    const analyzed = await analyzeStale(db);
    if (db.engine !== 'pglite') {
      // A server's autovacuum keeps statistics; the app leaves them alone there.
      expect(analyzed).toEqual([]);
      return;
    }
    expect(analyzed).toContain('stats_probe');
    const [probe] = await db.query<{ reltuples: number }>(
      "SELECT reltuples::int AS reltuples FROM pg_class WHERE relname = 'stats_probe' AND relnamespace = current_schema()::regnamespace",
    );
    expect(probe?.reltuples).toBe(2000);
    expect(await staleTables(db)).not.toContain('stats_probe');
    // Grown to more than twice its pages: stale again.
    await db.query(`INSERT INTO stats_probe SELECT g, repeat('x', 100) FROM generate_series(2001, 7000) g`);
    expect(await staleTables(db)).toContain('stats_probe');
  });
});
