/** Staff login over HTTP: sessions, CSRF, rate limit, logout, API tokens, roles, error shape. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTestStaff,
  Client,
  createTestContext,
  createTestTenant,
  login,
  loginOwner,
  tokenClient,
} from '../../../test/support/app.ts';
import type { TestContext, TestTenant } from '../../../test/support/app.ts';
import { sha256 } from './tokens.ts';

let ctx: TestContext;
let tenant: TestTenant;

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await createTestTenant(ctx);
});
afterAll(async () => ctx?.close());

describe('POST /api/auth/login', () => {
  it('sets an httpOnly SameSite session cookie whose secret is not stored', async () => {
    const client = new Client(ctx.app);
    const res = await client.post('/api/auth/login', {
      email: tenant.ownerEmail.toUpperCase(),
      password: tenant.password,
    });
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(tenant.ownerEmail);
    expect(res.body.tenant.slug).toBe(tenant.slug);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/clienteel_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const secret = client.cookie!.split('=')[1]!.split('.')[1]!;
    const rows = await ctx.database.query<{ id: string }>('SELECT id FROM sessions WHERE tenant_id = $1', [
      tenant.tenantId,
    ]);
    expect(rows.map((r) => r.id)).toContain(sha256(secret));
    expect(rows.map((r) => r.id)).not.toContain(secret);
  });

  it('answers a wrong password and an unknown e-mail identically', async () => {
    const client = new Client(ctx.app);
    const wrong = await client.post('/api/auth/login', {
      email: tenant.ownerEmail,
      password: 'not the password',
    });
    const unknown = await client.post('/api/auth/login', {
      email: 'nobody@nowhere.example',
      password: 'not the password',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toEqual({ code: 'login_failed', message: 'E-mail or password is incorrect.' });
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('names the missing field in the caller’s language, and reports malformed JSON', async () => {
    const client = new Client(ctx.app);
    client.language = 'de';
    const missing = await client.post('/api/auth/login', { email: tenant.ownerEmail });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      code: 'validation.required',
      field: 'password',
      message: 'Passwort ist erforderlich.',
    });
    const malformed = await client.request('POST', '/api/auth/login', '{"email": ', {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_json');
    const nul = await client.post('/api/auth/login', { email: `a\u0000@b.be`, password: 'x' });
    expect(nul.status).toBe(400);
    expect(nul.body.error).toMatchObject({ code: 'validation.control_character', field: 'email' });
  });

  it('answers 429 after five failures for one e-mail, even with the right password', async () => {
    const victim = await addTestStaff(ctx, tenant);
    const client = new Client(ctx.app);
    for (let i = 0; i < 5; i++) {
      expect(
        (await client.post('/api/auth/login', { email: victim.email, password: `wrong guess ${i}` })).status,
      ).toBe(401);
    }
    const blocked = await client.post('/api/auth/login', { email: victim.email, password: tenant.password });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_logins');
  });

  it('gives a fresh session on login: a cookie planted before is never promoted', async () => {
    const client = new Client(ctx.app);
    client.cookie = `clienteel_session=${tenant.tenantId}.planted-session-value-1234567890`;
    await client.post('/api/auth/login', { email: tenant.ownerEmail, password: tenant.password });
    expect(client.cookie).not.toContain('planted');
    const rows = await ctx.database.query('SELECT 1 FROM sessions WHERE id = $1', [
      sha256('planted-session-value-1234567890'),
    ]);
    expect(rows).toEqual([]);
  });
});

describe('sessions', () => {
  it('refuses a state-changing request without the CSRF token, and accepts it with', async () => {
    const owner = await loginOwner(ctx, tenant);
    const token = owner.csrfToken;
    owner.csrfToken = undefined;
    const refused = await owner.post('/api/api-tokens', { name: 'Zapier' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('csrf_failed');
    owner.csrfToken = 'x'.repeat(token!.length);
    expect((await owner.post('/api/api-tokens', { name: 'Zapier' })).status).toBe(403);
    owner.csrfToken = token;
    expect((await owner.post('/api/api-tokens', { name: 'Zapier' })).status).toBe(201);
  });

  it('ends the session on logout: the old cookie is refused afterwards', async () => {
    const owner = await loginOwner(ctx, tenant);
    const cookie = owner.cookie;
    expect((await owner.get('/api/auth/session')).status).toBe(200);
    expect((await owner.post('/api/auth/logout')).status).toBe(204);
    const replay = new Client(ctx.app);
    replay.cookie = cookie;
    const res = await replay.get('/api/auth/session');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('keeps owner-only routes from staff', async () => {
    const staff = await addTestStaff(ctx, tenant);
    const client = await login(ctx, staff.email);
    const res = await client.get('/api/staff');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('owner_only');
    expect((await client.get('/api/tenant')).status).toBe(200);
  });

  it('requires authentication on API routes and says so in JSON', async () => {
    const res = await new Client(ctx.app).get('/api/tenant');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });
});

describe('API tokens', () => {
  it('authenticates with Bearer, needs no CSRF, and stops working when revoked', async () => {
    const api = await tokenClient(ctx, tenant);
    expect((await api.get('/api/tenant')).body.slug).toBe(tenant.slug);
    const created = await api.post('/api/api-tokens', { name: 'second' });
    expect(created.status).toBe(201);
    const second = new Client(ctx.app);
    second.bearer = created.body.token;
    expect((await second.get('/api/tenant')).status).toBe(200);
    expect((await api.delete(`/api/api-tokens/${created.body.id}`)).status).toBe(204);
    expect((await second.get('/api/tenant')).status).toBe(401);
  });

  it('records when a token was last used, at most once a minute', async () => {
    const api = await tokenClient(ctx, tenant);
    const created = await api.post('/api/api-tokens', { name: 'busy integration' });
    const busy = new Client(ctx.app);
    busy.bearer = created.body.token;
    const lastUsed = async () =>
      (
        await ctx.database.query<{ at: string }>(
          'SELECT last_used_at::text AS at FROM api_tokens WHERE tenant_id = $1 AND id = $2',
          [tenant.tenantId, created.body.id],
        )
      )[0]?.at;
    const setLastUsed = (ago: string) =>
      ctx.database.query(
        `UPDATE api_tokens SET last_used_at = now() - $3::interval WHERE tenant_id = $1 AND id = $2`,
        [tenant.tenantId, created.body.id, ago],
      );
    await setLastUsed('30 seconds');
    const recent = await lastUsed();
    expect((await busy.get('/api/tenant')).status).toBe(200);
    expect(await lastUsed()).toBe(recent);
    await setLastUsed('2 minutes');
    const old = await lastUsed();
    expect((await busy.get('/api/tenant')).status).toBe(200);
    expect(await lastUsed()).not.toBe(old);
  });

  it('refuses a malformed or made-up token', async () => {
    const client = new Client(ctx.app);
    client.bearer = 'clt_00000000000000000000000000000000_abcdefghijklmnopqrstuvwxyz';
    expect((await client.get('/api/tenant')).status).toBe(401);
    client.bearer = 'garbage';
    expect((await client.get('/api/tenant')).status).toBe(401);
  });
});

describe('security headers', () => {
  it('sends a content security policy and frame protection on every response', async () => {
    const res = await new Client(ctx.app).get('/api/health');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
