/** Medium tier: the public booking page and staff handling of its requests, on a real database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestTenant, loginOwner } from '../../../test/support/app.ts';
import type { Client, TestContext, TestTenant } from '../../../test/support/app.ts';
import { CustomerClient } from '../accounts/accounts.test-support.ts';
import { generateCustomers } from '../../../bench/generator/index.ts';
import { loadGenerated } from '../../../bench/generator/load.ts';
import { createCustomer } from '../customers/customers.service.ts';
import { reindexTenant } from '../duplicates/matchIndex.ts';

let ctx: TestContext;
let tenant: TestTenant;
let staff: Client;
let now = new Date('2026-11-24T10:00:00Z');
let stephanie: string;
let address = 1;

/** Each call comes from another address, so the rate limit only bites where a test wants it. */
async function book(body: Record<string, unknown>, from?: string, client?: CustomerClient) {
  now = new Date(now.getTime() + 1000);
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/book/lotus/requests',
    payload: { service: 'Knippen', wishedStart: '2026-12-01T09:00:00.000Z', ...body },
    remoteAddress: from ?? `10.0.0.${address++}`,
    headers: {
      ...(client?.cookie ? { cookie: client.cookie } : {}),
      ...(client?.csrfToken ? { 'x-csrf-token': client.csrfToken } : {}),
    },
  });
  return { status: res.statusCode, body: res.json() };
}

const count = async (sql: string) =>
  (await ctx.database.query<{ n: number }>(sql, [tenant.tenantId]))[0]?.n ?? 0;
const latestRequest = async () =>
  (
    await ctx.database.query<any>(
      'SELECT * FROM booking_requests WHERE tenant_id = $1 ORDER BY created_at DESC, id LIMIT 1',
      [tenant.tenantId],
    )
  )[0];

beforeAll(async () => {
  ctx = await createTestContext({ now: () => now });
  tenant = await createTestTenant(ctx, { slug: 'lotus', name: 'Kapsalon Lotus' });
  staff = await loginOwner(ctx, tenant);
  // A salon of realistic size, so the business's model weighs a name as it would in practice.
  await loadGenerated(ctx.database, generateCustomers({ seed: 62, n: 300, country: 'BE' }), {
    tenantId: tenant.tenantId,
  });
  await reindexTenant(ctx.database, tenant.tenantId);
  stephanie = (
    await createCustomer(
      ctx.database,
      tenant.tenantId,
      {
        firstName: 'Stephanie',
        lastName: 'Wahters',
        email: 'stephaniewachters@telenet.be',
        mobile: '0475 888 888',
      },
      { source: 'staff', actor: null, now },
    )
  ).id;
});
afterAll(async () => ctx?.close());

describe('the page', () => {
  it('is public, and offers the services the owner set up', async () => {
    const none = await ctx.app.inject({ method: 'GET', url: '/api/book/lotus' });
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({
      business: { name: 'Kapsalon Lotus', slug: 'lotus', language: 'nl', country: 'BE' },
      services: [],
    });
    for (const [name, minutes] of [
      ['Knippen', 30],
      ['Kleuren', 90],
    ] as const) {
      expect(
        (await staff.post('/api/booking-services', { name, durationMinutes: minutes, priceCents: 3500 }))
          .status,
      ).toBe(201);
    }
    const taken = await staff.post('/api/booking-services', { name: 'knippen', durationMinutes: 20 });
    expect(taken.status).toBe(409);
    const page = await ctx.app.inject({ method: 'GET', url: '/api/book/lotus' });
    expect(page.json().services.map((s: any) => [s.name, s.durationMinutes])).toEqual([
      ['Kleuren', 90],
      ['Knippen', 30],
    ]);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/book/no-such-salon' })).statusCode).toBe(404);
  });
});

describe('requests', () => {
  it('links a request with the same e-mail to the existing customer, changing nothing on the profile', async () => {
    const customers = await count('SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1');
    const res = await book({
      firstName: 'Steffie',
      lastName: 'Wahters',
      email: 'StephanieWachters@telenet.be',
      phone: '0476 11 22 33',
    });
    expect(res).toEqual({ status: 202, body: { status: 'received' } });
    const request = await latestRequest();
    expect(request).toMatchObject({
      customer_id: stephanie,
      link: 'certain',
      first_name: 'Steffie',
      phone: '0476 11 22 33',
    });
    expect(await count('SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1')).toBe(customers);
    const [profile] = await ctx.database.query<any>(
      'SELECT first_name, mobile, version FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, stephanie],
    );
    expect(profile).toEqual({ first_name: 'Stephanie', mobile: '0475 888 888', version: 1 });
  });

  it('links the same phone with matching names (the seed case: another e-mail address)', async () => {
    await book({
      firstName: 'stefanie',
      lastName: 'wachters',
      email: 'stefaniew@hotmail.com',
      phone: '+32 475 88 88 88',
    });
    expect(await latestRequest()).toMatchObject({ customer_id: stephanie, link: 'certain' });
  });

  it('creates a new online customer when unsure, and keeps the possible duplicates on the request', async () => {
    // One digit off the profile's mobile, another spelling of the first name: likely, not certain.
    const res = await book({ firstName: 'Stefanie', lastName: 'Wahters', phone: '0475 88 88 89' });
    expect(res).toEqual({ status: 202, body: { status: 'received' } });
    const request = await latestRequest();
    expect(request.link).toBe('new');
    expect(request.customer_id).not.toBe(stephanie);
    expect(request.candidates.map((c: any) => c.id)).toEqual([stephanie]);
    const [created] = await ctx.database.query<any>(
      'SELECT source, email, mobile_e164 FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, request.customer_id],
    );
    expect(created).toEqual({ source: 'online', email: null, mobile_e164: '+32475888889' });
  });

  it('creates a new customer without candidates for a stranger', async () => {
    await book({ firstName: 'Ahmed', lastName: 'El Amrani', email: 'ahmed@example.be' });
    expect(await latestRequest()).toMatchObject({ link: 'new', candidates: [] });
  });

  it('stores script typed into the page as text', async () => {
    await book({
      firstName: 'Zoë',
      lastName: '<script>alert(1)</script>',
      email: 'zoe@example.be',
      note: '<img src=x onerror=alert(1)>',
    });
    expect(await latestRequest()).toMatchObject({
      last_name: '<script>alert(1)</script>',
      note: '<img src=x onerror=alert(1)>',
    });
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM booking_requests WHERE tenant_id = $1');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ firstName: 'Jan', email: 'not-an-email' }, 'invalid_email', 'email'],
      [{ firstName: 'Jan', phone: '12' }, 'invalid_phone', 'phone'],
      [{ firstName: 'Jan' }, 'booking.contact_required', 'email'],
      [{ email: 'jan@example.be' }, 'name_required', 'lastName'],
      [
        { firstName: 'Jan', email: 'jan@example.be', service: 'Massage' },
        'booking.unknown_service',
        'service',
      ],
      [
        { firstName: 'Jan', email: 'jan@example.be', wishedStart: '2026-11-01T09:00:00.000Z' },
        'booking.wished_in_past',
        'wishedStart',
      ],
      [{ firstName: 'Jan', email: 'jan@example.be', extra: 'x' }, 'validation.unrecognized_keys', 'body'],
    ];
    for (const [body, code, field] of cases) {
      const res = await book(body);
      expect(res.status, code).toBe(400);
      expect(res.body.error.code).toBe(code);
      if (field !== 'body') expect(res.body.error.field).toBe(field);
    }
    expect(await count('SELECT count(*)::int AS n FROM booking_requests WHERE tenant_id = $1')).toBe(before);
  });

  it('answers a filled-in honeypot like any request, and drops it', async () => {
    const requests = await count('SELECT count(*)::int AS n FROM booking_requests WHERE tenant_id = $1');
    const customers = await count('SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1');
    const res = await book({
      firstName: 'Bot',
      lastName: 'Bot',
      email: 'bot@spam.example',
      website: 'http://spam.example',
    });
    expect(res).toEqual({ status: 202, body: { status: 'received' } });
    expect(await count('SELECT count(*)::int AS n FROM booking_requests WHERE tenant_id = $1')).toBe(
      requests,
    );
    expect(await count('SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1')).toBe(customers);
  });

  it('limits requests per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await book({ firstName: 'Flood', lastName: `${i}`, email: `flood${i}@example.be` }, '10.9.9.9'))
          .status,
      );
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('does not let a client pick its address with X-Forwarded-For (no proxy configured)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/book/lotus/requests',
        payload: {
          service: 'Knippen',
          wishedStart: '2026-12-01T09:00:00.000Z',
          firstName: 'Spoof',
          lastName: `${i}`,
          email: `spoof${i}@example.be`,
        },
        remoteAddress: '10.8.8.8',
        headers: { 'x-forwarded-for': `192.0.2.${i + 1}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('books as the logged-in customer with their account', async () => {
    await staff.post(`/api/customers/${stephanie}/online-account/invite`, {});
    const [mail] = await ctx.database.query<{ body: string }>(
      'SELECT body FROM messages WHERE tenant_id = $1 AND customer_id = $2 ORDER BY created_at DESC LIMIT 1',
      [tenant.tenantId, stephanie],
    );
    const token = decodeURIComponent(/token=([^\s&]+)/.exec(mail!.body)![1]!);
    const customer = new CustomerClient(ctx.app);
    await customer.post('/api/book/lotus/account/accept', { token, password: 'mijn geheim wachtwoord' });
    await book({ service: 'Kleuren', note: 'graag bij Lisa' }, undefined, customer);
    expect(await latestRequest()).toMatchObject({
      customer_id: stephanie,
      link: 'account',
      first_name: 'Stephanie',
      service: 'Kleuren',
    });
    const mine = await customer.get('/api/book/lotus/me');
    expect(mine.body.requests[0]).toMatchObject({ service: 'Kleuren', status: 'open' });
    // Without the CSRF token the cookie does not count: the request is anonymous and needs contact data.
    const forged = await ctx.app.inject({
      method: 'POST',
      url: '/api/book/lotus/requests',
      payload: { service: 'Knippen', wishedStart: '2026-12-01T09:00:00.000Z' },
      remoteAddress: '10.7.7.7',
      headers: { cookie: customer.cookie! },
    });
    expect(forged.json().error.code).toBe('booking.contact_required');
  });
});

describe('staff', () => {
  it('lists open requests and shows the differences with the profile', async () => {
    const list = await staff.get('/api/booking-requests');
    expect(list.body.total).toBeGreaterThanOrEqual(5);
    const seed = list.body.items.find((r: any) => r.typed.email === 'stefaniew@hotmail.com');
    expect(seed.customer).toMatchObject({ id: stephanie, name: 'Stephanie Wahters' });
    const detail = await staff.get(`/api/booking-requests/${seed.id}`);
    expect(detail.body.differences).toEqual([
      { field: 'firstName', typed: 'stefanie', profile: 'Stephanie' },
      { field: 'lastName', typed: 'wachters', profile: 'Wahters' },
      { field: 'email', typed: 'stefaniew@hotmail.com', profile: 'stephaniewachters@telenet.be' },
    ]);
    const unsure = list.body.items.find((r: any) => r.typed.phone === '0475 88 88 89');
    expect(unsure.candidateCount).toBe(1);
    const unsureDetail = await staff.get(`/api/booking-requests/${unsure.id}`);
    expect(unsureDetail.body.candidates[0]).toMatchObject({ id: stephanie, name: 'Stephanie Wahters' });
  });

  it('confirms: books the appointment and takes over only what staff chose, on the version they saw', async () => {
    const list = await staff.get('/api/booking-requests');
    const seed = list.body.items.find((r: any) => r.typed.email === 'stefaniew@hotmail.com');
    const detail = await staff.get(`/api/booking-requests/${seed.id}`);
    const stale = await staff.post(`/api/booking-requests/${seed.id}/confirm`, {
      takeOver: ['email'],
      version: detail.body.customer.version + 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    const notDifferent = await staff.post(`/api/booking-requests/${seed.id}/confirm`, {
      takeOver: ['mobile'],
      version: detail.body.customer.version,
    });
    expect(notDifferent.body.error.code).toBe('booking.not_a_difference');
    const ok = await staff.post(`/api/booking-requests/${seed.id}/confirm`, {
      takeOver: ['email'],
      version: detail.body.customer.version,
      staffMember: 'Lisa',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'confirmed',
      takenOver: { email: { from: 'stephaniewachters@telenet.be', to: 'stefaniew@hotmail.com' } },
    });
    expect(ok.body.appointment).toMatchObject({
      customerId: stephanie,
      startAt: '2026-12-01T09:00:00.000Z',
      endAt: '2026-12-01T09:30:00.000Z',
      service: 'Knippen',
      staffMember: 'Lisa',
      bookingRequestId: seed.id,
    });
    const [profile] = await ctx.database.query<any>(
      'SELECT first_name, email FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, stephanie],
    );
    expect(profile).toEqual({ first_name: 'Stephanie', email: 'stefaniew@hotmail.com' });
    const again = await staff.post(`/api/booking-requests/${seed.id}/confirm`, {});
    expect(again.body.error.code).toBe('booking.already_decided');
  });

  it('e-mails the customer the confirmed day and time, in the language of the page they used or else the business’s', async () => {
    const [mail] = await ctx.database.query<any>(
      'SELECT customer_id, to_address, subject, body, status FROM messages WHERE tenant_id = $1 AND to_address = $2',
      [tenant.tenantId, 'stefaniew@hotmail.com'],
    );
    expect(mail).toMatchObject({
      customer_id: stephanie,
      subject: 'Your appointment at Kapsalon Lotus is confirmed',
      status: 'outbox',
    });
    // 09:00 UTC on 1 December is 10:00 in Brussels.
    expect(mail.body).toContain(
      'Your appointment for Knippen on Tuesday, 1 December 2026 at 10:00 is confirmed.',
    );
  });

  it('declines a request, tells the customer why, and archives the profile the request alone created', async () => {
    const list = await staff.get('/api/booking-requests');
    const target = list.body.items.find((r: any) => r.typed.email === 'ahmed@example.be');
    const res = await staff.post(`/api/booking-requests/${target.id}/decline`, { reason: 'We zijn volzet.' });
    expect(res.body).toMatchObject({
      status: 'declined',
      declineReason: 'We zijn volzet.',
      appointment: null,
    });
    expect((await staff.get('/api/booking-requests')).body.items.some((r: any) => r.id === target.id)).toBe(
      false,
    );
    expect(res.body.customer.archivedAt).not.toBeNull();
    const audit = await ctx.database.query<any>(
      "SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'customer.archived' AND entity_id = $2",
      [tenant.tenantId, res.body.customer.id],
    );
    expect(audit[0]?.details).toMatchObject({ reason: 'booking declined', bookingRequestId: target.id });
    const [mail] = await ctx.database.query<any>(
      'SELECT customer_id, subject, body FROM messages WHERE tenant_id = $1 AND to_address = $2',
      [tenant.tenantId, 'ahmed@example.be'],
    );
    expect(mail.customer_id).toBe(res.body.customer.id);
    expect(mail.body).toContain('Knippen');
    expect(mail.body).toContain('We zijn volzet.');
  });

  it('keeps a declined customer the business already knew (or who has anything else) in the list', async () => {
    const { body: request } = await book({
      firstName: 'Stephanie',
      lastName: 'Wahters',
      email: 'stefaniew@hotmail.com',
    });
    expect(request).toBeDefined();
    const open = (await staff.get('/api/booking-requests')).body.items.find(
      (r: any) => r.typed.email === 'stefaniew@hotmail.com',
    );
    const linked = await staff.post(`/api/booking-requests/${open.id}/decline`, {});
    expect(linked.body.customer).toMatchObject({ id: stephanie, archivedAt: null });

    // A new profile that staff already wrote a note on stays too.
    await book({ firstName: 'Noor', lastName: 'Janssens', email: 'noor.janssens@example.be' });
    const noor = (await staff.get('/api/booking-requests')).body.items.find(
      (r: any) => r.typed.email === 'noor.janssens@example.be',
    );
    expect(noor.link).toBe('new');
    const note = await staff.post(`/api/customers/${noor.customer.id}/notes`, { text: 'Belt liever' });
    expect(note.status).toBe(201);
    const declined = await staff.post(`/api/booking-requests/${noor.id}/decline`, {});
    expect(declined.body.customer.archivedAt).toBeNull();
  });
});

describe('a business without its own list of services', () => {
  it('books a service the page took from history at its usual length and price', async () => {
    const salon = await createTestTenant(ctx, { slug: 'zonder', name: 'Salon Zonder' });
    const owner = await loginOwner(ctx, salon);
    const regular = await createCustomer(
      ctx.database,
      salon.tenantId,
      { firstName: 'Vaste', lastName: 'Klant', mobile: '0470 12 34 56' },
      { source: 'staff', actor: null, now },
    );
    // Three colourings last autumn: 90, 90 and 120 minutes at 65, 65 and 70 euros.
    for (const [day, minutes, cents] of [
      [1, 90, 6500],
      [8, 90, 6500],
      [15, 120, 7000],
    ] as const) {
      const start = new Date(Date.UTC(2026, 9, day, 9));
      await ctx.database.query(
        `INSERT INTO appointments (tenant_id, id, customer_id, start_at, end_at, service, price_cents, status)
         VALUES ($1, gen_random_uuid(), $2, $3, $4, 'Kleuren', $5, 'completed')`,
        [salon.tenantId, regular.id, start, new Date(start.getTime() + minutes * 60_000), cents],
      );
    }
    const page = await ctx.app.inject({ method: 'GET', url: '/api/book/zonder' });
    expect(page.json().services).toEqual([
      expect.objectContaining({ name: 'Kleuren', durationMinutes: 90, priceCents: 6500 }),
    ]);
    const sent = await ctx.app.inject({
      method: 'POST',
      url: '/api/book/zonder/requests',
      payload: {
        service: 'Kleuren',
        wishedStart: '2026-12-02T09:00:00.000Z',
        firstName: 'Nieuwe',
        lastName: 'Klant',
        email: 'nieuw@example.be',
      },
      remoteAddress: '10.77.0.1',
    });
    expect(sent.statusCode).toBeLessThan(300);
    const open = (await owner.get('/api/booking-requests')).body.items[0];
    const confirmed = await owner.post(`/api/booking-requests/${open.id}/confirm`, {});
    expect(confirmed.body.appointment).toMatchObject({
      service: 'Kleuren',
      startAt: '2026-12-02T09:00:00.000Z',
      endAt: '2026-12-02T10:30:00.000Z',
      priceCents: 6500,
    });
  });
});

describe('tenant isolation', () => {
  it("answers 404 to another business's staff for requests and services", async () => {
    const other = await createTestTenant(ctx);
    const intruder = await loginOwner(ctx, other);
    const [request] = await ctx.database.query<{ id: string }>(
      'SELECT id FROM booking_requests WHERE tenant_id = $1 AND status = $2 LIMIT 1',
      [tenant.tenantId, 'open'],
    );
    const [service] = await ctx.database.query<{ id: string }>(
      'SELECT id FROM booking_services WHERE tenant_id = $1 LIMIT 1',
      [tenant.tenantId],
    );
    const before = await ctx.database.query(
      'SELECT * FROM booking_requests WHERE tenant_id = $1 ORDER BY id',
      [tenant.tenantId],
    );
    for (const res of [
      await intruder.get(`/api/booking-requests/${request!.id}`),
      await intruder.post(`/api/booking-requests/${request!.id}/confirm`, {}),
      await intruder.post(`/api/booking-requests/${request!.id}/decline`, {}),
      await intruder.patch(`/api/booking-services/${service!.id}`, { active: false }),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await intruder.get('/api/booking-requests?status=all')).body).toEqual({ total: 0, items: [] });
    expect((await intruder.get('/api/booking-services')).body).toEqual([]);
    expect(
      await ctx.database.query('SELECT * FROM booking_requests WHERE tenant_id = $1 ORDER BY id', [
        tenant.tenantId,
      ]),
    ).toEqual(before);
  });
});
