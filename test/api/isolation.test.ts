/**
 * Tenant isolation, generated from the OpenAPI document: every route is called with tenant A's
 * session and with A's API token on tenant B's objects. Routes naming an object must answer 404;
 * every other answer must not contain any of B's identifiers or names; and afterwards B's rows
 * in every tenant table are exactly as before. A new route is covered without a new test; a
 * route the walker cannot exercise fails until test/api/isolation.fixtures.ts teaches it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestTenant, loginOwner, tokenClient } from '../support/app.ts';
import { seedTenant } from '../support/seed.ts';
import type { Client, TestContext, TestTenant } from '../support/app.ts';
import { snapshotOf } from '../support/snapshot.ts';
import { ISOLATION_FIXTURES } from './isolation.fixtures.ts';
import type { TenantObjects } from '../support/seed.ts';

let ctx: TestContext;
let a: TestTenant;
let b: TenantObjects;

const snapshot = (tenantId: string) => snapshotOf(ctx.database, tenantId);

beforeAll(async () => {
  ctx = await createTestContext();
  a = await createTestTenant(ctx, { name: 'Salon Aa' });
  b = await seedTenant(ctx, 'Salon Bee');
});
afterAll(async () => ctx?.close());

interface Route {
  method: string;
  path: string;
}

function routes(): Route[] {
  const doc = ctx.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const out: Route[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method))
        out.push({ method: method.toUpperCase(), path });
    }
  }
  return out;
}

async function walk(client: Client, label: string): Promise<string[]> {
  const problems: string[] = [];
  for (const route of routes()) {
    const key = `${route.method} ${route.path}`;
    const fixture = ISOLATION_FIXTURES[key];
    if (!fixture) {
      problems.push(
        `${key}: no fixture — teach test/api/isolation.fixtures.ts how to call it with B's objects`,
      );
      continue;
    }
    if (fixture.skip) continue;
    const params = fixture.params?.(b) ?? {};
    let url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) problems.push(`${key}: the fixture gives no value for {${name}}`);
      return encodeURIComponent(value ?? 'missing');
    });
    const query = fixture.query?.(b);
    if (query) url += `?${new URLSearchParams(query).toString()}`;
    const res = await client.request(
      route.method,
      url,
      fixture.body?.(b) ?? (route.method === 'GET' || route.method === 'DELETE' ? undefined : {}),
    );
    const expectation = fixture.expect ?? (route.path.includes('{') ? 'notFound' : 'noLeak');
    if (expectation === 'notFound' && res.status !== 404)
      problems.push(`${label} ${key}: expected 404, got ${res.status} ${res.text.slice(0, 200)}`);
    if (res.status >= 500) problems.push(`${label} ${key}: ${res.status} ${res.text.slice(0, 200)}`);
    const leaked = b.secrets.filter((s) => res.text.includes(s));
    if (leaked.length > 0) problems.push(`${label} ${key}: leaks ${leaked.slice(0, 3).join(', ')}`);
  }
  return problems;
}

describe('tenant isolation over every route', () => {
  it('knows the routes of every module', () => {
    expect(routes().length).toBeGreaterThan(10);
  });

  it("never shows or changes tenant B's data to A's session or A's API token", async () => {
    const before = await snapshot(b.tenantId);
    const session = await loginOwner(ctx, a);
    const token = await tokenClient(ctx, a);
    const problems = [...(await walk(session, 'session')), ...(await walk(token, 'token'))];
    expect(problems).toEqual([]);
    expect(await snapshot(b.tenantId)).toEqual(before);
  });
});
