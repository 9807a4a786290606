/** Medium tier over HTTP: the customer API on a real database, asserting on database state. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTestStaff,
  createTestContext,
  createTestTenant,
  login,
  loginOwner,
} from '../../../test/support/app.ts';
import type { Client, TestContext, TestTenant } from '../../../test/support/app.ts';

let ctx: TestContext;
let tenant: TestTenant;
let owner: Client;
let staff: Client;
const NOW = new Date('2026-11-24T10:00:00Z');

async function create(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/customers', { allowDuplicate: true, ...body });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
  return res.body as { id: string; number: number; version: number };
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const [row] = await ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) s`, params);
  return row?.n ?? 0;
}

/** History rows as the agenda, booking page and till would write them. */
async function addHistory(
  customerId: string,
  what: { future?: boolean; openRequest?: boolean; unpaid?: boolean },
) {
  const t = tenant.tenantId;
  const q = (sql: string, params: unknown[]) => ctx.database.query(sql, params);
  await q(
    `INSERT INTO appointments (tenant_id, id, customer_id, start_at, end_at, service, status, price_cents)
     VALUES ($1, $2, $3, '2026-10-01T09:00:00Z', '2026-10-01T10:00:00Z', 'Knippen', 'completed', 3500)`,
    [t, randomUUID(), customerId],
  );
  await q(
    `INSERT INTO invoices (tenant_id, id, customer_id, number, issued_on, total_cents, paid)
     VALUES ($1, $2, $3, $4, '2026-10-01', 3500, true)`,
    [t, randomUUID(), customerId, `F-${randomUUID().slice(0, 8)}`],
  );
  if (what.future) {
    await q(
      `INSERT INTO appointments (tenant_id, id, customer_id, start_at, end_at, service, status)
       VALUES ($1, $2, $3, '2026-12-03T09:00:00Z', '2026-12-03T10:00:00Z', 'Kleuren', 'booked')`,
      [t, randomUUID(), customerId],
    );
  }
  if (what.openRequest) {
    await q(
      `INSERT INTO booking_requests (tenant_id, id, customer_id, service, wished_start, first_name, email, status)
       VALUES ($1, $2, $3, 'Brushing', '2026-12-05T14:00:00Z', 'Els', 'els@example.com', 'open')`,
      [t, randomUUID(), customerId],
    );
  }
  if (what.unpaid) {
    await q(
      `INSERT INTO invoices (tenant_id, id, customer_id, number, issued_on, total_cents, paid)
       VALUES ($1, $2, $3, $4, '2026-11-01', 4200, false)`,
      [t, randomUUID(), customerId, `F-${randomUUID().slice(0, 8)}`],
    );
  }
}

beforeAll(async () => {
  ctx = await createTestContext({ now: () => NOW });
  tenant = await createTestTenant(ctx);
  owner = await loginOwner(ctx, tenant);
  const s = await addTestStaff(ctx, tenant, 'staff');
  staff = await login(ctx, s.email);
});
afterAll(async () => ctx?.close());

describe('create', () => {
  it('creates a customer with phones read in the business’s country and answers its profile', async () => {
    const res = await staff.post('/api/customers', {
      firstName: 'Stephanie',
      lastName: 'Wahters',
      email: 'stephaniewachters@telenet.be',
      mobile: '0475 88 88 88',
      newsletterConsent: true,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Stephanie Wahters',
      mobile: '0475 88 88 88',
      mobileE164: '+32475888888',
      source: 'staff',
      version: 1,
      newsletterConsent: true,
      mergedFrom: null,
    });
    expect(res.body.newsletterConsentAt).toBe(NOW.toISOString());
    const [row] = await ctx.database.query<{ mobile_e164: string }>(
      'SELECT mobile_e164 FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, res.body.id],
    );
    expect(row?.mobile_e164).toBe('+32475888888');
  });

  it('warns about a customer that probably exists already, and creates on "create anyway"', async () => {
    const body = { firstName: 'stefanie', lastName: 'wachters', mobile: '+32475888888' };
    const before = await count('SELECT 1 FROM customers WHERE tenant_id = $1', [tenant.tenantId]);
    const warned = await staff.post('/api/customers', body);
    expect(warned.status).toBe(409);
    expect(warned.body.error.code).toBe('possible_duplicates');
    expect(warned.body.error.details.candidates[0]).toMatchObject({ name: 'Stephanie Wahters' });
    expect(await count('SELECT 1 FROM customers WHERE tenant_id = $1', [tenant.tenantId])).toBe(before);
    const created = await staff.post('/api/customers', { ...body, allowDuplicate: true });
    expect(created.status).toBe(201);
  });

  it('enforces the required fields of the business, naming the field in the user’s language', async () => {
    const set = await owner.patch('/api/settings', { requiredFields: { phone: true, email: false } });
    expect(set.status).toBe(200);
    const before = await count('SELECT 1 FROM customers WHERE tenant_id = $1', [tenant.tenantId]);
    staff.language = 'nl-BE';
    const res = await staff.post('/api/customers', {
      firstName: 'Jan',
      lastName: 'Peeters',
      allowDuplicate: true,
    });
    staff.language = undefined;
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'phone_required', field: 'mobile' });
    expect(res.body.error.message).toContain('telefoonnummer is verplicht');
    expect(await count('SELECT 1 FROM customers WHERE tenant_id = $1', [tenant.tenantId])).toBe(before);
    await owner.patch('/api/settings', { requiredFields: { phone: false, email: false } });
  });

  it('refuses bad values naming the field, unknown fields, and creates nothing', async () => {
    for (const [body, field, code] of [
      [{ lastName: 'X', mobile: '12' }, 'mobile', 'invalid_phone'],
      [{ lastName: 'X', email: 'not-an-address' }, 'email', 'invalid_email'],
      [{ lastName: 'X', birthDate: '2031-01-01' }, 'birthDate', 'birth_date_future'],
      [{ lastName: 'X', birthDate: '1990-02-30' }, 'birthDate', 'invalid_date'],
      [{ email: 'x@example.com' }, 'lastName', 'name_required'],
      [{ lastName: 'X', shoeSize: 42 }, 'shoeSize', 'validation.unrecognized_keys'],
    ] as const) {
      const res = await staff.post('/api/customers', { ...body, allowDuplicate: true });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code, JSON.stringify(body)).toBe(code);
      if (code !== 'validation.unrecognized_keys') expect(res.body.error.field).toBe(field);
    }
  });
});

describe('read and edit', () => {
  it('answers by id and by number, and a merged-away id or number with its survivor', async () => {
    const survivor = await create(staff, { firstName: 'Anna', lastName: 'Maes' });
    const merged = await create(staff, { firstName: 'Ana', lastName: 'Maes' });
    await ctx.database.query('UPDATE customers SET merged_into = $3 WHERE tenant_id = $1 AND id = $2', [
      tenant.tenantId,
      merged.id,
      survivor.id,
    ]);
    const byId = await staff.get(`/api/customers/${merged.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({
      id: survivor.id,
      mergedFrom: { id: merged.id, number: merged.number },
    });
    const byNumber = await staff.get(`/api/customers/by-number/${merged.number}`);
    expect(byNumber.body).toMatchObject({ id: survivor.id, mergedFrom: { number: merged.number } });
    expect((await staff.get(`/api/customers/by-number/${survivor.number}`)).body.mergedFrom).toBeNull();
    expect((await staff.get('/api/customers/not-an-id')).status).toBe(404);
    expect((await staff.get('/api/customers/by-number/99999')).status).toBe(404);
    const search = await staff.get(`/api/customers?q=${merged.number}`);
    expect(search.body.items[0]).toMatchObject({ id: survivor.id, matchedOn: 'number' });
  });

  it('applies an edit made on the current version and answers a stale one with 409 and the current values', async () => {
    const c = await create(staff, { firstName: 'Els', lastName: 'Peeters', city: 'Gent' });
    const first = await staff.patch(`/api/customers/${c.id}`, {
      version: c.version,
      city: 'Brugge',
      mobile: '0476 11 22 33',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ city: 'Brugge', version: c.version + 1, mobileE164: '+32476112233' });
    const stale = await owner.patch(`/api/customers/${c.id}`, { version: c.version, city: 'Antwerpen' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.details.current).toMatchObject({ city: 'Brugge', version: c.version + 1 });
    const [row] = await ctx.database.query<{ city: string; version: number }>(
      'SELECT city, version FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, c.id],
    );
    expect(row).toEqual({ city: 'Brugge', version: c.version + 1 });
    const audit = await ctx.database.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 ORDER BY at, action`,
      [tenant.tenantId, c.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['customer.created', 'customer.updated']);
  });

  it('lists, filters and searches', async () => {
    const list = await staff.get('/api/customers?sort=number&order=desc&limit=2');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[0].number).toBeGreaterThan(list.body.items[1].number);
    expect(list.body).toMatchObject({ limit: 2, offset: 0, totalExact: true });
    const search = await staff.get(`/api/customers?q=${encodeURIComponent('0475 88')}`);
    expect(search.body.items.map((i: any) => i.name).sort()).toEqual([
      'Stephanie Wahters',
      'stefanie wachters',
    ]);
    expect((await staff.get('/api/customers?sort=shoe')).status).toBe(400);
  });
});

describe('archive and restore', () => {
  it('hides an archived customer from the list and search until restored', async () => {
    const c = await create(staff, { firstName: 'Greet', lastName: 'Archiefmans' });
    const archived = await staff.post(`/api/customers/${c.id}/archive`, { version: c.version });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toBe(NOW.toISOString());
    expect((await staff.get('/api/customers?q=archiefmans')).body.items).toEqual([]);
    const shown = await staff.get('/api/customers?q=archiefmans&archived=archived');
    expect(shown.body.items.map((i: any) => i.id)).toEqual([c.id]);
    expect((await staff.post(`/api/customers/${c.id}/archive`, { version: c.version })).status).toBe(409);
    const restored = await staff.post(`/api/customers/${c.id}/restore`, {});
    expect(restored.status).toBe(200);
    expect(restored.body.archivedAt).toBeNull();
    expect((await staff.get('/api/customers?q=archiefmans')).body.items.map((i: any) => i.id)).toEqual([
      c.id,
    ]);
    const audit = await ctx.database.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 AND action LIKE 'customer.%ed' ORDER BY at, action`,
      [tenant.tenantId, c.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'customer.archived',
      'customer.created',
      'customer.restored',
    ]);
  });
});

describe('delete', () => {
  it('is for owners only', async () => {
    const c = await create(staff, { firstName: 'Piet', lastName: 'Staffweg' });
    const res = await staff.delete(`/api/customers/${c.id}`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('owner_only');
    expect(
      await count('SELECT 1 FROM customers WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL', [
        tenant.tenantId,
        c.id,
      ]),
    ).toBe(1);
  });

  it('is refused while future appointments, open booking requests or unpaid invoices exist, listing them', async () => {
    const c = await create(staff, { firstName: 'Open', lastName: 'Posten', email: 'open@example.com' });
    await addHistory(c.id, { future: true, openRequest: true, unpaid: true });
    const preview = await owner.get(`/api/customers/${c.id}/removal`);
    expect(preview.body).toMatchObject({ allowed: false, keeps: { appointments: 2, invoices: 2 } });
    const res = await owner.delete(`/api/customers/${c.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('customer_has_open_items');
    expect(res.body.error.message).toMatch(/1 future appointment.*1 open booking request.*1 unpaid invoice/);
    expect(res.body.error.details.futureAppointments).toHaveLength(1);
    expect(res.body.error.details.futureAppointments[0].service).toBe('Kleuren');
    expect(res.body.error.details.openBookingRequests[0].service).toBe('Brushing');
    expect(res.body.error.details.unpaidInvoices[0].totalCents).toBe(4200);
    const [row] = await ctx.database.query<{ last_name: string; deleted_at: string | null }>(
      'SELECT last_name, deleted_at FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, c.id],
    );
    expect(row).toEqual({ last_name: 'Posten', deleted_at: null });
  });

  it('removes the profile and notes and keeps past invoices on an anonymous stub', async () => {
    const c = await create(staff, {
      firstName: 'Weg',
      lastName: 'Gaander',
      email: 'weg@example.com',
      mobile: '0477 12 34 56',
    });
    await addHistory(c.id, {});
    expect(
      (await staff.post(`/api/customers/${c.id}/notes`, { text: 'Allergisch voor ammoniak' })).status,
    ).toBe(201);
    const res = await owner.delete(`/api/customers/${c.id}`);
    expect(res.status).toBe(204);
    expect((await staff.get(`/api/customers/${c.id}`)).status).toBe(404);
    expect((await staff.get('/api/customers?q=gaander')).body.items).toEqual([]);
    expect((await staff.get('/api/customers?q=0477 12')).body.items).toEqual([]);
    const [row] = await ctx.database.query<Record<string, unknown>>(
      'SELECT first_name, last_name, email, mobile, mobile_e164, deleted_at FROM customers WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, c.id],
    );
    expect(row).toMatchObject({
      first_name: null,
      last_name: null,
      email: null,
      mobile: null,
      mobile_e164: null,
    });
    expect(row?.deleted_at).not.toBeNull();
    expect(
      await count('SELECT 1 FROM customer_notes WHERE tenant_id = $1 AND customer_id = $2', [
        tenant.tenantId,
        c.id,
      ]),
    ).toBe(0);
    expect(
      await count('SELECT 1 FROM invoices WHERE tenant_id = $1 AND customer_id = $2', [
        tenant.tenantId,
        c.id,
      ]),
    ).toBe(1);
    expect(
      await count('SELECT 1 FROM appointments WHERE tenant_id = $1 AND customer_id = $2', [
        tenant.tenantId,
        c.id,
      ]),
    ).toBe(1);
    expect(
      await count('SELECT 1 FROM customer_search_terms WHERE tenant_id = $1 AND customer_id = $2', [
        tenant.tenantId,
        c.id,
      ]),
    ).toBe(0);
    const audit = await ctx.database.query<{ action: string; actor_staff_id: string; details: any }>(
      `SELECT action, actor_staff_id, details FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 ORDER BY at`,
      [tenant.tenantId, c.id],
    );
    expect(audit.at(-1)).toMatchObject({ action: 'customer.deleted', actor_staff_id: tenant.ownerId });
    expect(audit.at(-1)?.details.removed.notes).toBe(1);
    expect(JSON.stringify(audit)).not.toContain('Gaander');
  });
});

describe('GDPR', () => {
  it('exports everything about one customer as JSON, without secrets, and logs the export', async () => {
    const c = await create(staff, {
      firstName: 'Inge',
      lastName: 'Inzage',
      email: 'inge@example.com',
      newsletterConsent: true,
    });
    await addHistory(c.id, {});
    await staff.post(`/api/customers/${c.id}/notes`, { text: 'Komt graag op dinsdag' });
    await staff.post(`/api/customers/${c.id}/messages`, {
      to: 'inge@example.com',
      subject: 'Welkom',
      message: 'Dag Inge',
    });
    await ctx.database.query(
      `INSERT INTO online_accounts (tenant_id, id, customer_id, login_email, password_hash, state)
       VALUES ($1, $2, $3, 'inge@example.com', 'scrypt$secret', 'active')`,
      [tenant.tenantId, randomUUID(), c.id],
    );
    expect((await staff.get(`/api/customers/${c.id}/gdpr-export`)).status).toBe(403);
    const res = await owner.get(`/api/customers/${c.id}/gdpr-export`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(`customer-${c.number}-`);
    const doc = res.body;
    expect(doc.customer).toMatchObject({ id: c.id, lastName: 'Inzage', newsletterConsent: true });
    expect(doc.consents[0]).toMatchObject({ kind: 'newsletter', given: true });
    expect(doc.appointments).toHaveLength(1);
    expect(doc.invoices).toHaveLength(1);
    expect(doc.notes[0].body).toBe('Komt graag op dinsdag');
    expect(doc.messages[0].subject).toBe('Welkom');
    expect(doc.onlineAccounts[0]).toMatchObject({ login_email: 'inge@example.com', has_password: true });
    expect(res.text).not.toContain('scrypt$secret');
    expect(doc.auditLog.map((a: any) => a.action)).toContain('customer.created');
    expect(
      await count(
        `SELECT 1 FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 AND action = 'customer.exported'`,
        [tenant.tenantId, c.id],
      ),
    ).toBe(1);
  });

  it('erases a customer in place: anonymous, history kept, merged records too, logged with who did it', async () => {
    const c = await create(staff, {
      firstName: 'Vera',
      lastName: 'Vergeten',
      email: 'vera@example.com',
      mobile: '0478 99 88 77',
    });
    const old = await create(staff, {
      firstName: 'Vera',
      lastName: 'Vergete',
      email: 'vera.old@example.com',
    });
    await ctx.database.query('UPDATE customers SET merged_into = $3 WHERE tenant_id = $1 AND id = $2', [
      tenant.tenantId,
      old.id,
      c.id,
    ]);
    await addHistory(c.id, {});
    await staff.post(`/api/customers/${c.id}/notes`, { text: 'Geheim' });
    const res = await owner.post(`/api/customers/${c.id}/erase`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: c.id, firstName: null, lastName: null, email: null, mobile: null });
    expect(res.body.erasedAt).toBe(NOW.toISOString());
    expect(res.body.archivedAt).toBe(NOW.toISOString());
    const rowsLeft = await ctx.database.query<Record<string, unknown>>(
      `SELECT id, first_name, last_name, email, erased_at FROM customers WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenant.tenantId, [c.id, old.id]],
    );
    for (const r of rowsLeft) expect(r).toMatchObject({ first_name: null, last_name: null, email: null });
    expect(
      await count('SELECT 1 FROM invoices WHERE tenant_id = $1 AND customer_id = $2', [
        tenant.tenantId,
        c.id,
      ]),
    ).toBe(1);
    expect(
      await count('SELECT 1 FROM customer_notes WHERE tenant_id = $1 AND customer_id = $2', [
        tenant.tenantId,
        c.id,
      ]),
    ).toBe(0);
    expect((await staff.get('/api/customers?q=vergeten&archived=all')).body.items).toEqual([]);
    const edit = await staff.patch(`/api/customers/${c.id}`, {
      version: res.body.version,
      firstName: 'Vera',
    });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('customer_erased');
    const [entry] = await ctx.database.query<{ actor_staff_id: string; details: any }>(
      `SELECT actor_staff_id, details FROM audit_log WHERE tenant_id = $1 AND action = 'customer.erased' AND entity_id = $2`,
      [tenant.tenantId, c.id],
    );
    expect(entry?.actor_staff_id).toBe(tenant.ownerId);
    expect(entry?.details.mergedRecords).toBe(1);
    const audit = await ctx.database.query<{ details: unknown }>(
      `SELECT details FROM audit_log WHERE tenant_id = $1 AND customer_ids && $2::uuid[]`,
      [tenant.tenantId, [c.id, old.id]],
    );
    expect(JSON.stringify(audit)).not.toMatch(/Vergete|vera@example/);
  });
});

describe('CSV export', () => {
  it('exports the list as UTF-8 with BOM, honouring search and filters, with a semicolon option', async () => {
    await create(staff, {
      firstName: 'Zoë',
      lastName: 'Exportée',
      email: 'zoe@example.com',
      mobile: '+32 470 00 00 01',
    });
    const res = await staff.get(
      `/api/customers/export.csv?q=${encodeURIComponent('exportée')}&delimiter=semicolon`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const lines = res.text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('Customer number;First name;Last name');
    expect(lines[1]).toContain(';Zoë;Exportée;');
    expect(lines[1]).toContain(";'+32 470 00 00 01;");
    staff.language = 'de';
    const all = await staff.get('/api/customers/export.csv');
    staff.language = undefined;
    const allLines = all.text.slice(1).trimEnd().split('\r\n');
    expect(allLines[0]).toContain('Kundennummer,Vorname,Nachname');
    const live = await count(
      'SELECT 1 FROM customers WHERE tenant_id = $1 AND merged_into IS NULL AND deleted_at IS NULL AND archived_at IS NULL',
      [tenant.tenantId],
    );
    expect(allLines).toHaveLength(live + 1);
  });
});

describe('tenant isolation', () => {
  it("answers 404 to every customer route for another business's customer", async () => {
    const mine = await create(staff, { firstName: 'Eigen', lastName: 'Klant' });
    const note = (await staff.post(`/api/customers/${mine.id}/notes`, { text: 'privé' })).body;
    const message = (
      await staff.post(`/api/customers/${mine.id}/messages`, {
        to: 'e@example.com',
        subject: 'x',
        message: 'y',
      })
    ).body;
    const other = await createTestTenant(ctx);
    const intruder = await loginOwner(ctx, other);
    const id = mine.id;
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/customers/${id}`],
      ['GET', `/api/customers/by-number/${mine.number}`],
      ['PATCH', `/api/customers/${id}`, { version: 1, city: 'X' }],
      ['GET', `/api/customers/${id}/summary`],
      ['POST', `/api/customers/${id}/archive`, {}],
      ['POST', `/api/customers/${id}/restore`, {}],
      ['GET', `/api/customers/${id}/removal`],
      ['DELETE', `/api/customers/${id}`],
      ['GET', `/api/customers/${id}/gdpr-export`],
      ['POST', `/api/customers/${id}/erase`, {}],
      ['GET', `/api/customers/${id}/notes`],
      ['POST', `/api/customers/${id}/notes`, { text: 'x' }],
      ['PATCH', `/api/customers/${id}/notes/${note.id}`, { text: 'x' }],
      ['DELETE', `/api/customers/${id}/notes/${note.id}`],
      ['PUT', `/api/customers/${id}/notes/order`, { noteIds: [note.id] }],
      ['GET', `/api/customers/${id}/messages`],
      ['POST', `/api/customers/${id}/messages`, { to: 'e@example.com', subject: 'x', message: 'y' }],
      ['GET', `/api/messages/${message.id}`],
      ['POST', `/api/messages/${message.id}/send`],
    ];
    for (const [method, url, body] of attempts) {
      const res = await intruder.request(method, url, body);
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    expect((await intruder.get('/api/customers?q=eigen')).body.items).toEqual([]);
    expect((await intruder.get('/api/messages')).body.items).toEqual([]);
    expect((await intruder.get('/api/customers/export.csv')).text).not.toContain('Eigen');
    const [row] = await ctx.database.query<{
      city: string | null;
      archived_at: string | null;
      version: number;
    }>('SELECT city, archived_at, version FROM customers WHERE tenant_id = $1 AND id = $2', [
      tenant.tenantId,
      id,
    ]);
    expect(row).toEqual({ city: null, archived_at: null, version: 1 });
    expect(
      await count('SELECT 1 FROM customer_notes WHERE tenant_id = $1 AND customer_id = $2', [
        tenant.tenantId,
        id,
      ]),
    ).toBe(1);
  });
});
