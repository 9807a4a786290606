/**
 * Property-based fuzzing of every request schema: for each route of the OpenAPI document, random
 * bodies and query strings shaped after its schema (plus arbitrary junk) are sent with a valid API
 * token on the caller's own objects. No answer may be a 5xx, and when every answer for a route was
 * a refusal (4xx), the tenant's data must be exactly as before (no partial write).
 * FUZZ_RUNS (default 12 per route) and FUZZ_SEED make longer or different runs.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, tokenClient } from '../support/app.ts';
import type { Client, TestContext } from '../support/app.ts';
import { schemaArbitrary } from '../support/schemaArbitrary.ts';
import type { JsonSchema } from '../support/schemaArbitrary.ts';
import { seedTenant } from '../support/seed.ts';
import type { TenantObjects } from '../support/seed.ts';
import { snapshotOf } from '../support/snapshot.ts';
import { ISOLATION_FIXTURES } from './isolation.fixtures.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);

let ctx: TestContext;
let own: TenantObjects;
let api: Client;

beforeAll(async () => {
  ctx = await createTestContext();
  own = await seedTenant(ctx, 'Salon Fuzz');
  api = await tokenClient(ctx, own.tenant);
});
afterAll(async () => ctx?.close());

interface Operation {
  method: string;
  path: string;
  body: JsonSchema | undefined;
  query: { name: string; schema: JsonSchema; required: boolean }[];
}

function operations(): { ops: Operation[]; resolve: (ref: string) => JsonSchema } {
  const doc = ctx.app.swagger() as {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
          parameters?: { in: string; name: string; schema: JsonSchema; required?: boolean }[];
        }
      >
    >;
    components?: { schemas?: Record<string, JsonSchema> };
  };
  const resolve = (ref: string): JsonSchema => doc.components?.schemas?.[ref.split('/').at(-1) ?? ''] ?? {};
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      ops.push({
        method: method.toUpperCase(),
        path,
        body: op.requestBody?.content?.['application/json']?.schema,
        query: (op.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema, required: p.required ?? false })),
      });
    }
  }
  // Deleting routes last, so they do not remove what the others work on.
  ops.sort((x, y) => Number(x.method === 'DELETE') - Number(y.method === 'DELETE'));
  return { ops, resolve };
}

describe('fuzzing every request schema', () => {
  it('never answers 5xx, and a refused request writes nothing', async () => {
    const { ops, resolve } = operations();
    expect(ops.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const op of ops) {
      const key = `${op.method} ${op.path}`;
      const fixture = ISOLATION_FIXTURES[key];
      if (!fixture || fixture.skip || key === 'POST /api/auth/login') continue;
      const params = fixture.params?.(own) ?? {};
      const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent(params[name] ?? 'missing'),
      );
      const bodyArb = op.body
        ? fc.oneof(
            { weight: 4, arbitrary: schemaArbitrary(op.body, resolve) },
            { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
          )
        : fc.constant(undefined);
      const queryArb = fc.record(
        Object.fromEntries(op.query.map((q) => [q.name, schemaArbitrary(q.schema, resolve)])),
        { requiredKeys: [] },
      );
      const before = await snapshotOf(ctx.database, own.tenantId);
      let anyAccepted = false;
      await fc
        .assert(
          fc.asyncProperty(bodyArb, queryArb, async (body, query) => {
            const qs = new URLSearchParams(
              Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
            ).toString();
            const res = await api.request(
              op.method,
              qs ? `${url}?${qs}` : url,
              op.method === 'GET' || op.method === 'DELETE' ? undefined : (body ?? {}),
            );
            if (res.status < 400) anyAccepted = true;
            if (res.status >= 500) {
              problems.push(
                `${key} ${JSON.stringify(body)?.slice(0, 200)} ?${qs} → ${res.status} ${res.text.slice(0, 200)}`,
              );
              return false;
            }
            if (res.status >= 400 && !res.body?.error?.code) {
              problems.push(`${key} → ${res.status} without an error code: ${res.text.slice(0, 120)}`);
              return false;
            }
            return true;
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        )
        .catch(() => undefined);
      if (!anyAccepted) {
        const after = await snapshotOf(ctx.database, own.tenantId);
        // api_tokens: the caller's own token records when it was last used.
        const changed = Object.keys(before).filter((t) => before[t] !== after[t] && t !== 'api_tokens');
        if (changed.length > 0) problems.push(`${key}: only refusals, yet ${changed.join(', ')} changed`);
      }
    }
    expect(problems).toEqual([]);
  });
});
