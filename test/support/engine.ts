/** Which database the tests run on: PGlite (default) or the PostgreSQL server (CLIENTEEL_TEST_ENGINE=postgres). */
export type TestEngine = 'pglite' | 'postgres';

export function testEngine(): TestEngine {
  return process.env.CLIENTEEL_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

/** The server the PostgreSQL tests use; its `test` database is only used to create and drop others. */
export const ADMIN_URL = process.env.CLIENTEEL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function dbUrl(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
