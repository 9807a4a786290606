/**
 * The app on a fresh test database, driven in-process with `app.inject` (no port), plus helpers
 * to create businesses and log in as their staff the way the browser does (cookie + CSRF header)
 * or as an integration does (Bearer token).
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/server/app.ts';
import { createDeps } from '../../src/server/start.ts';
import { JOB_MODULES } from '../../src/server/routes.ts';
import type { App, Deps } from '../../src/server/types.ts';
import { addStaff, createApiToken, createTenant } from '../../src/modules/tenants/tenants.service.ts';
import { openTestDatabase } from './db.ts';
import type { TestDatabase } from './db.ts';

export interface TestContext {
  database: TestDatabase;
  deps: Deps;
  app: App;
  close(): Promise<void>;
}

export async function createTestContext(
  opts: { env?: Record<string, string>; now?: () => Date } = {},
): Promise<TestContext> {
  const database = await openTestDatabase();
  const config = loadConfig({ CLIENTEEL_DEMO: 'never', LOG_LEVEL: 'silent', ...opts.env });
  const deps = await createDeps(config, database);
  if (opts.now) deps.now = opts.now;
  for (const register of JOB_MODULES) register(deps);
  const app = await buildApp(deps);
  await app.ready();
  return {
    database,
    deps,
    app,
    async close() {
      await deps.jobs.stop();
      await app.close();
      await database.close();
    },
  };
}

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
}

export class Client {
  cookie: string | undefined;
  csrfToken: string | undefined;
  bearer: string | undefined;
  language: string | undefined;
  private readonly app: App;

  constructor(app: App) {
    this.app = app;
  }

  async request<T = any>(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken && method !== 'GET') h['x-csrf-token'] = this.csrfToken;
    if (this.language) h['accept-language'] = this.language;
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      headers: h,
      ...(body === undefined
        ? {}
        : typeof body === 'string'
          ? { payload: body }
          : { payload: body as object }),
    });
    const setCookie = res.cookies.find((c) => c.name === 'clienteel_session');
    if (setCookie) this.cookie = setCookie.value ? `clienteel_session=${setCookie.value}` : undefined;
    let parsed: unknown = undefined;
    if ((res.headers['content-type'] ?? '').toString().includes('json') && res.body.length > 0)
      parsed = res.json();
    return { status: res.statusCode, body: parsed as T, headers: res.headers, text: res.body };
  }

  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body);
  }
  put<T = any>(url: string, body?: unknown) {
    return this.request<T>('PUT', url, body);
  }
  patch<T = any>(url: string, body?: unknown) {
    return this.request<T>('PATCH', url, body);
  }
  delete<T = any>(url: string, body?: unknown) {
    return this.request<T>('DELETE', url, body);
  }
}

export interface TestTenant {
  tenantId: string;
  slug: string;
  ownerId: string;
  ownerEmail: string;
  password: string;
}

/** A business with its owner; the password is the same for every test tenant (scrypt is slow). */
export const TEST_PASSWORD = 'correct horse battery';

export async function createTestTenant(
  ctx: TestContext,
  opts: { slug?: string; country?: string; name?: string } = {},
): Promise<TestTenant> {
  const slug = opts.slug ?? `t-${randomBytes(4).toString('hex')}`;
  const ownerEmail = `owner@${slug}.example`;
  const { tenant, ownerId } = await createTenant(ctx.database, {
    name: opts.name ?? `Salon ${slug}`,
    slug,
    country: opts.country ?? 'BE',
    language: 'nl',
    owner: { email: ownerEmail, name: `Owner ${slug}`, password: TEST_PASSWORD },
  });
  return { tenantId: tenant.id, slug, ownerId, ownerEmail, password: TEST_PASSWORD };
}

export async function addTestStaff(ctx: TestContext, tenant: TestTenant, role: 'owner' | 'staff' = 'staff') {
  const email = `${role}-${randomBytes(3).toString('hex')}@${tenant.slug}.example`;
  const { id } = await addStaff(
    ctx.database,
    tenant.tenantId,
    { email, name: `Staff ${email}`, password: TEST_PASSWORD, role },
    null,
  );
  return { id, email };
}

/** Logs in like the browser: keeps the session cookie and sends the CSRF token on writes. */
export async function login(ctx: TestContext, email: string, password = TEST_PASSWORD): Promise<Client> {
  const client = new Client(ctx.app);
  const res = await client.post('/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  client.csrfToken = res.body.csrfToken;
  return client;
}

export async function loginOwner(ctx: TestContext, tenant: TestTenant): Promise<Client> {
  return login(ctx, tenant.ownerEmail, tenant.password);
}

/** An API client with a Bearer token of the tenant's owner. */
export async function tokenClient(ctx: TestContext, tenant: TestTenant): Promise<Client> {
  const { token } = await createApiToken(
    ctx.database,
    { tenantId: tenant.tenantId, staffId: tenant.ownerId, role: 'owner', name: 'test', via: 'session' },
    'test token',
  );
  const client = new Client(ctx.app);
  client.bearer = token;
  return client;
}
