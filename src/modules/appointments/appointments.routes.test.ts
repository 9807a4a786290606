/** Medium tier: the agenda API on a real database — day view, create, move, cancel, complete, walk-ins. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestTenant, loginOwner } from '../../../test/support/app.ts';
import type { Client, TestContext, TestTenant } from '../../../test/support/app.ts';
import { createCustomer } from '../customers/customers.service.ts';

let ctx: TestContext;
let tenant: TestTenant;
let staff: Client;
const now = new Date('2026-11-24T09:12:30Z');
let stephanie: string;

const count = async (sql: string, params: unknown[]) =>
  (await ctx.database.query<{ n: number }>(sql, params))[0]?.n ?? 0;
const day = { from: '2026-11-23T23:00:00.000Z', to: '2026-11-24T23:00:00.000Z' };

beforeAll(async () => {
  ctx = await createTestContext({ now: () => now });
  tenant = await createTestTenant(ctx, { name: 'Kapsalon Lotus' });
  staff = await loginOwner(ctx, tenant);
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

describe('agenda', () => {
  let id: string;

  it('books an existing customer and shows the appointment in the day view', async () => {
    const res = await staff.post('/api/appointments', {
      customerId: stephanie,
      startAt: '2026-11-24T09:00:00.000Z',
      durationMinutes: 45,
      service: 'Knippen',
      staffMember: 'Lisa',
      priceCents: 3500,
    });
    expect(res.status).toBe(201);
    expect(res.body.customer).toMatchObject({ id: stephanie, created: false, name: 'Stephanie Wahters' });
    expect(res.body.appointment).toMatchObject({ endAt: '2026-11-24T09:45:00.000Z', status: 'booked' });
    id = res.body.appointment.id;
    const list = await staff.get(`/api/appointments?from=${day.from}&to=${day.to}`);
    expect(list.body.map((a: any) => [a.service, a.customer.name, a.customer.mobile])).toEqual([
      ['Knippen', 'Stephanie Wahters', '0475 888 888'],
    ]);
    const next = await staff.get(`/api/appointments?from=${day.to}&to=2026-11-25T23:00:00.000Z`);
    expect(next.body).toEqual([]);
  });

  it('moves it keeping its length, then cancels it; a cancelled appointment stays as it is', async () => {
    const moved = await staff.patch(`/api/appointments/${id}`, { startAt: '2026-11-24T13:00:00.000Z' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      startAt: '2026-11-24T13:00:00.000Z',
      endAt: '2026-11-24T13:45:00.000Z',
    });
    const wrong = await staff.patch(`/api/appointments/${id}`, { endAt: '2026-11-24T12:00:00.000Z' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'appointment.end_before_start', field: 'endAt' });
    expect((await staff.post(`/api/appointments/${id}/cancel`)).body.status).toBe('cancelled');
    const again = await staff.post(`/api/appointments/${id}/complete`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('appointment.not_booked');
    const audit = await ctx.database.query<{ action: string }>(
      'SELECT action FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 ORDER BY at, action',
      [tenant.tenantId, id],
    );
    expect(audit.map((a) => a.action).sort()).toEqual([
      'appointment.cancelled',
      'appointment.created',
      'appointment.moved',
    ]);
  });

  it('completes a booked appointment', async () => {
    const res = await staff.post('/api/appointments', {
      customerId: stephanie,
      startAt: '2026-11-24T15:00:00.000Z',
      service: 'Kleuren',
    });
    expect(res.body.appointment.endAt).toBe('2026-11-24T15:30:00.000Z');
    const done = await staff.post(`/api/appointments/${res.body.appointment.id}/complete`);
    expect(done.body.status).toBe('completed');
  });

  it('warns with the existing profile before creating a look-alike customer, and creates it when confirmed', async () => {
    const body = {
      customer: {
        firstName: 'stefanie',
        lastName: 'wachters',
        mobile: '+32 475 88 88 88',
        email: 'stefaniew@hotmail.com',
      },
      startAt: '2026-11-24T10:00:00.000Z',
      service: 'Brushing',
    };
    const before = await count('SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1', [
      tenant.tenantId,
    ]);
    const warned = await staff.post('/api/appointments', body);
    expect(warned.status).toBe(409);
    expect(warned.body.error.code).toBe('possible_duplicates');
    expect(warned.body.error.details.candidates[0]).toMatchObject({
      id: stephanie,
      name: 'Stephanie Wahters',
    });
    expect(
      await count('SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1', [tenant.tenantId]),
    ).toBe(before);
    expect(
      await count('SELECT count(*)::int AS n FROM appointments WHERE tenant_id = $1 AND service = $2', [
        tenant.tenantId,
        'Brushing',
      ]),
    ).toBe(0);

    const created = await staff.post('/api/appointments', { ...body, allowDuplicate: true });
    expect(created.status).toBe(201);
    expect(created.body.customer.created).toBe(true);
    const [row] = await ctx.database.query<{ source: string }>(
      'SELECT source FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, created.body.customer.id],
    );
    expect(row?.source).toBe('agenda');
  });

  it('refuses invalid customer data naming the field, and creates nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM appointments WHERE tenant_id = $1', [
      tenant.tenantId,
    ]);
    const res = await staff.post('/api/appointments', {
      customer: { firstName: 'Jan', mobile: '12' },
      startAt: '2026-11-24T11:00:00.000Z',
      service: 'Knippen',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_phone', field: 'mobile' });
    const both = await staff.post('/api/appointments', {
      startAt: '2026-11-24T11:00:00.000Z',
      service: 'Knippen',
    });
    expect(both.body.error.code).toBe('appointment.customer_required');
    expect(
      await count('SELECT count(*)::int AS n FROM appointments WHERE tenant_id = $1', [tenant.tenantId]),
    ).toBe(before);
  });
});

describe('walk-ins', () => {
  it('creates the customer from a name and books them from now', async () => {
    const res = await staff.post('/api/walk-ins', { name: 'Ahmed El Amrani', phone: '0486 12 34 56' });
    expect(res.status).toBe(201);
    expect(res.body.appointment).toMatchObject({
      startAt: '2026-11-24T09:12:00.000Z',
      endAt: '2026-11-24T09:42:00.000Z',
      service: 'Walk-in',
    });
    const [row] = await ctx.database.query<any>(
      'SELECT first_name, last_name, mobile_e164, source FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, res.body.customer.id],
    );
    expect(row).toEqual({
      first_name: 'Ahmed',
      last_name: 'El Amrani',
      mobile_e164: '+32486123456',
      source: 'walk_in',
    });
  });

  it('warns when the walk-in looks like an existing customer, and books the existing one when picked', async () => {
    const warned = await staff.post('/api/walk-ins', { name: 'Stephanie Wahters', phone: '0475888888' });
    expect(warned.status).toBe(409);
    const candidate = warned.body.error.details.candidates[0];
    expect(candidate.id).toBe(stephanie);
    expect(candidate.reasons.length).toBeGreaterThan(0);
    const picked = await staff.post('/api/walk-ins', { name: 'Stephanie Wahters', customerId: candidate.id });
    expect(picked.status).toBe(201);
    expect(picked.body.customer).toMatchObject({ id: stephanie, created: false });
  });
});

describe('tenant isolation', () => {
  it('answers 404 to another business for its appointments and customers', async () => {
    const other = await createTestTenant(ctx, { name: 'Salon Other' });
    const intruder = await loginOwner(ctx, other);
    const mine = await staff.post('/api/appointments', {
      customerId: stephanie,
      startAt: '2026-11-24T16:00:00.000Z',
      service: 'Knippen',
    });
    const appointmentId = mine.body.appointment.id;
    const before = await ctx.database.query('SELECT * FROM appointments WHERE tenant_id = $1 ORDER BY id', [
      tenant.tenantId,
    ]);
    for (const res of [
      await intruder.get(`/api/appointments/${appointmentId}`),
      await intruder.patch(`/api/appointments/${appointmentId}`, { startAt: '2026-11-24T17:00:00.000Z' }),
      await intruder.post(`/api/appointments/${appointmentId}/cancel`),
      await intruder.post(`/api/appointments/${appointmentId}/complete`),
      await intruder.post('/api/appointments', {
        customerId: stephanie,
        startAt: '2026-11-24T16:00:00.000Z',
        service: 'X',
      }),
      await intruder.post('/api/walk-ins', { name: 'Stephanie Wahters', customerId: stephanie }),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await intruder.get(`/api/appointments?from=${day.from}&to=${day.to}`)).body).toEqual([]);
    expect(
      await ctx.database.query('SELECT * FROM appointments WHERE tenant_id = $1 ORDER BY id', [
        tenant.tenantId,
      ]),
    ).toEqual(before);
  });
});
