/** Medium tier: online accounts — invitation, acceptance, login, logout, reset, disable — over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestTenant, loginOwner } from '../../../test/support/app.ts';
import type { Client, TestContext, TestTenant } from '../../../test/support/app.ts';
import { createCustomer } from '../customers/customers.service.ts';
import { CustomerClient } from './accounts.test-support.ts';

let ctx: TestContext;
let tenant: TestTenant;
let staff: Client;
let now = new Date('2026-11-24T10:00:00Z');
let lotte: string;
const PASSWORD = 'mijn geheim wachtwoord';

const tokenIn = (body: string) => decodeURIComponent(/token=([^\s&]+)/.exec(body)?.[1] ?? '');
async function lastMail(customerId: string) {
  const [row] = await ctx.database.query<{
    to_address: string;
    subject: string;
    body: string;
    status: string;
  }>(
    'SELECT to_address, subject, body, status FROM messages WHERE tenant_id = $1 AND customer_id = $2 ORDER BY created_at DESC LIMIT 1',
    [tenant.tenantId, customerId],
  );
  return row!;
}

beforeAll(async () => {
  ctx = await createTestContext({ now: () => now, env: { PUBLIC_URL: 'https://lotus.example' } });
  tenant = await createTestTenant(ctx, { slug: 'lotus', name: 'Kapsalon Lotus' });
  staff = await loginOwner(ctx, tenant);
  lotte = (
    await createCustomer(
      ctx.database,
      tenant.tenantId,
      { firstName: 'Lotte', lastName: 'Peeters', email: 'lotte@example.be', language: 'nl' },
      { source: 'staff', actor: null, now },
    )
  ).id;
});
afterAll(async () => ctx?.close());

describe('invitation', () => {
  it('shows "not invited" and needs an address to invite a customer without one', async () => {
    expect((await staff.get(`/api/customers/${lotte}/online-account`)).body.state).toBe('not_invited');
    const noMail = (
      await createCustomer(
        ctx.database,
        tenant.tenantId,
        { lastName: 'Zonder' },
        { source: 'staff', actor: null, now },
      )
    ).id;
    const res = await staff.post(`/api/customers/${noMail}/online-account/invite`, {});
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'account.email_required', field: 'email' });
  });

  it("e-mails a single-use link in the customer's language and stores the mail in the outbox", async () => {
    const res = await staff.post(`/api/customers/${lotte}/online-account/invite`, {});
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ state: 'invited', loginEmail: 'lotte@example.be' });
    expect(res.body.message.status).toBe('outbox');
    const mail = await lastMail(lotte);
    expect(mail.to_address).toBe('lotte@example.be');
    expect(mail.subject).toBe('Uw account om online te boeken bij Kapsalon Lotus');
    expect(mail.body).toContain('https://lotus.example/book/lotus/invite?token=');
  });

  it('accepts the invitation once: weak passwords refused, the link dead afterwards', async () => {
    const token = tokenIn((await lastMail(lotte)).body);
    const customer = new CustomerClient(ctx.app);
    const weak = await customer.post('/api/book/lotus/account/accept', { token, password: 'kort' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('password_too_short');
    const wrong = await customer.post('/api/book/lotus/account/accept', {
      token: 'not-the-token',
      password: PASSWORD,
    });
    expect(wrong.body.error.code).toBe('account.link_invalid');
    const ok = await customer.post('/api/book/lotus/account/accept', { token, password: PASSWORD });
    expect(ok.status).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === 'clienteel_customer')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect((await customer.get('/api/book/lotus/account')).body).toMatchObject({
      loggedIn: true,
      name: 'Lotte Peeters',
    });
    const again = await new CustomerClient(ctx.app).post('/api/book/lotus/account/accept', {
      token,
      password: PASSWORD,
    });
    expect(again.body.error.code).toBe('account.link_invalid');
    const state = await staff.get(`/api/customers/${lotte}/online-account`);
    expect(state.body).toMatchObject({ state: 'active', inviteExpiresAt: null });
    const [row] = await ctx.database.query<{ password_hash: string }>(
      'SELECT password_hash FROM online_accounts WHERE tenant_id = $1 AND customer_id = $2',
      [tenant.tenantId, lotte],
    );
    expect(row!.password_hash).toMatch(/^scrypt\$/);
  });

  it('refuses an expired link', async () => {
    const other = (
      await createCustomer(
        ctx.database,
        tenant.tenantId,
        { firstName: 'Tom', lastName: 'Maes', email: 'tom@example.be' },
        { source: 'staff', actor: null, now },
      )
    ).id;
    await staff.post(`/api/customers/${other}/online-account/invite`, {});
    const token = tokenIn((await lastMail(other)).body);
    const saved = now;
    now = new Date(now.getTime() + 8 * 86_400_000);
    const res = await new CustomerClient(ctx.app).post('/api/book/lotus/account/accept', {
      token,
      password: PASSWORD,
    });
    now = saved;
    expect(res.body.error.code).toBe('account.link_invalid');
  });

  it('does not invite an active account again', async () => {
    const res = await staff.post(`/api/customers/${lotte}/online-account/invite`, {});
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('account.already_active');
  });
});

describe('login', () => {
  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const unknown = await new CustomerClient(ctx.app).post('/api/book/lotus/account/login', {
      email: 'nobody@example.be',
      password: PASSWORD,
    });
    const wrong = await new CustomerClient(ctx.app).post('/api/book/lotus/account/login', {
      email: 'lotte@example.be',
      password: 'not my password',
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('logs in, keeps the session apart from staff, and logs out with its CSRF token', async () => {
    const customer = new CustomerClient(ctx.app);
    const res = await customer.post('/api/book/LOTUS/account/login', {
      email: 'Lotte@Example.be',
      password: PASSWORD,
    });
    expect(res.status).toBe(404);
    const ok = await customer.post('/api/book/lotus/account/login', {
      email: 'Lotte@Example.be',
      password: PASSWORD,
    });
    expect(ok.status).toBe(200);
    // The customer's cookie opens nothing of the staff app.
    const staffRoute = await ctx.app.inject({
      method: 'GET',
      url: '/api/booking-requests',
      headers: { cookie: customer.cookie! },
    });
    expect(staffRoute.statusCode).toBe(401);
    expect((await customer.post('/api/book/lotus/account/logout', {}, { csrf: false })).status).toBe(403);
    expect((await customer.get('/api/book/lotus/account')).body.loggedIn).toBe(true);
    expect((await customer.post('/api/book/lotus/account/logout')).status).toBe(204);
    expect((await customer.get('/api/book/lotus/account')).body).toEqual({ loggedIn: false });
  });

  it('does not count a session on another business’s page', async () => {
    const other = await createTestTenant(ctx, { slug: 'andere-zaak' });
    const customer = new CustomerClient(ctx.app);
    await customer.post('/api/book/lotus/account/login', { email: 'lotte@example.be', password: PASSWORD });
    expect((await customer.get(`/api/book/${other.slug}/account`)).body).toEqual({ loggedIn: false });
    expect((await customer.get(`/api/book/${other.slug}/me`)).status).toBe(401);
  });

  it('answers 429 after five failures for one e-mail', async () => {
    const customer = new CustomerClient(ctx.app);
    for (let i = 0; i < 5; i++) {
      await customer.post('/api/book/lotus/account/login', {
        email: 'flood@example.be',
        password: 'wrong wrong wrong',
      });
    }
    const res = await customer.post('/api/book/lotus/account/login', {
      email: 'flood@example.be',
      password: 'wrong wrong wrong',
    });
    expect(res.status).toBe(429);
  });
});

describe('password reset', () => {
  it('answers the same for any address and mails a link only to an account', async () => {
    const count = async () =>
      (
        await ctx.database.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1',
          [tenant.tenantId],
        )
      )[0]!.n;
    const before = await count();
    const unknown = await new CustomerClient(ctx.app).post('/api/book/lotus/account/forgot', {
      email: 'nobody@example.be',
    });
    expect(await count()).toBe(before);
    const known = await new CustomerClient(ctx.app).post('/api/book/lotus/account/forgot', {
      email: 'lotte@example.be',
    });
    expect(await count()).toBe(before + 1);
    expect([unknown.status, known.status]).toEqual([202, 202]);
    expect(known.body).toEqual(unknown.body);
  });

  it('sets a new password with the link once, and ends older sessions', async () => {
    const old = new CustomerClient(ctx.app);
    await old.post('/api/book/lotus/account/login', { email: 'lotte@example.be', password: PASSWORD });
    const mail = await lastMail(lotte);
    expect(mail.subject).toBe('Nieuw wachtwoord voor Kapsalon Lotus');
    const token = tokenIn(mail.body);
    const customer = new CustomerClient(ctx.app);
    const res = await customer.post('/api/book/lotus/account/reset', {
      token,
      password: 'een nieuw wachtwoord',
    });
    expect(res.status).toBe(200);
    expect((await customer.get('/api/book/lotus/account')).body.loggedIn).toBe(true);
    expect((await old.get('/api/book/lotus/account')).body.loggedIn).toBe(false);
    expect(
      (
        await new CustomerClient(ctx.app).post('/api/book/lotus/account/reset', {
          token,
          password: 'nog een wachtwoord',
        })
      ).status,
    ).toBe(400);
    const login = await new CustomerClient(ctx.app).post('/api/book/lotus/account/login', {
      email: 'lotte@example.be',
      password: 'een nieuw wachtwoord',
    });
    expect(login.status).toBe(200);
  });
});

describe('disable', () => {
  it('disables the account and ends its sessions', async () => {
    const customer = new CustomerClient(ctx.app);
    await customer.post('/api/book/lotus/account/login', {
      email: 'lotte@example.be',
      password: 'een nieuw wachtwoord',
    });
    const res = await staff.post(`/api/customers/${lotte}/online-account/disable`, {
      reason: 'op vraag van de klant',
    });
    expect(res.body).toMatchObject({ state: 'disabled', disabledReason: 'op vraag van de klant' });
    expect((await customer.get('/api/book/lotus/account')).body.loggedIn).toBe(false);
    expect((await staff.post(`/api/customers/${lotte}/online-account/disable`, {})).body.error.code).toBe(
      'account.none',
    );
  });
});

describe('tenant isolation', () => {
  it("answers 404 to another business's staff for a customer's account", async () => {
    const other = await createTestTenant(ctx);
    const intruder = await loginOwner(ctx, other);
    const before = await ctx.database.query(
      'SELECT * FROM online_accounts WHERE tenant_id = $1 ORDER BY id',
      [tenant.tenantId],
    );
    for (const res of [
      await intruder.get(`/api/customers/${lotte}/online-account`),
      await intruder.post(`/api/customers/${lotte}/online-account/invite`, { email: 'x@example.be' }),
      await intruder.post(`/api/customers/${lotte}/online-account/disable`, {}),
    ]) {
      expect(res.status).toBe(404);
    }
    expect(
      await ctx.database.query('SELECT * FROM online_accounts WHERE tenant_id = $1 ORDER BY id', [
        tenant.tenantId,
      ]),
    ).toEqual(before);
  });
});
