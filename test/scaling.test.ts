/**
 * docs/scaling.md gives the statements that distribute the schema with Citus. This keeps them
 * true: every tenant-owned table of the migrated schema is distributed by tenant_id exactly once,
 * co-located with the others, and nothing that does not exist is named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from './support/db.ts';
import type { TestDatabase } from './support/db.ts';

const NOT_DISTRIBUTED = ['tenants', 'rate_limit_events', 'jobs', 'schema_migrations'];
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

describe('docs/scaling.md', () => {
  const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'scaling.md'), 'utf8');
  const distributed = [
    ...doc.matchAll(/create_distributed_table\('(\w+)', 'tenant_id'(?:, colocate_with => '(\w+)')?\)/g),
  ];

  it('distributes every tenant table by tenant_id exactly once, co-located', async () => {
    const tables = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    );
    const expected = tables
      .map((t) => t.table_name)
      .filter((t) => !NOT_DISTRIBUTED.includes(t))
      .sort();
    const names = distributed.map((m) => m[1]!);
    expect(names.slice().sort()).toEqual(expected);
    expect(new Set(names).size).toBe(names.length);
    const [first, ...rest] = distributed;
    expect(first?.[2]).toBeUndefined();
    for (const m of rest) expect(m[2], m[1]).toBe(first![1]);
  });

  it('keeps tenants as a reference table and says why the others are local', () => {
    expect(doc).toContain("create_reference_table('tenants')");
    expect(doc).toContain("citus_add_local_table_to_metadata('rate_limit_events')");
    expect(doc).toContain("citus_add_local_table_to_metadata('jobs')");
  });
});
