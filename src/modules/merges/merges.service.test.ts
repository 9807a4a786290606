/** Medium tier: merging over the HTTP API on a real database, asserting on database state. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, createTestTenant, loginOwner, tokenClient } from '../../../test/support/app.ts';
import type { Client, TestContext, TestTenant } from '../../../test/support/app.ts';
import { resolveCustomer, updateCustomer } from '../customers/customers.service.ts';
import type { Actor } from '../shared/actor.ts';
import { addAccount, addAppointment, addCustomer, historyOwners, seedCase } from './merges.test-support.ts';
import type { SeedCase } from './merges.test-support.ts';

let ctx: TestContext;
let tenant: TestTenant;
let owner: Client;
let actor: Actor;
let clock = new Date('2026-11-24T10:00:00Z');

beforeAll(async () => {
  ctx = await createTestContext({ now: () => clock });
  tenant = await createTestTenant(ctx);
  // A token, not a session: the tests move the clock past a session's lifetime.
  owner = await tokenClient(ctx, tenant);
  actor = {
    tenantId: tenant.tenantId,
    staffId: tenant.ownerId,
    role: 'owner',
    name: 'Owner',
    via: 'session',
  };
});
afterAll(async () => ctx?.close());
beforeEach(() => {
  clock = new Date('2026-11-24T10:00:00Z');
});

const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  ctx.database.query<T>(sql, params);
const count = async (table: string, customerId: string) =>
  (
    await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1 AND customer_id = $2`,
      [tenant.tenantId, customerId],
    )
  )[0]!.n;
const customer = async (id: string) =>
  (
    await q<Record<string, any>>('SELECT * FROM customers WHERE tenant_id = $1 AND id = $2', [
      tenant.tenantId,
      id,
    ])
  )[0]!;

async function previewAndApply(body: Record<string, unknown>) {
  const preview = await owner.post('/api/merges/preview', body);
  expect(preview.status, preview.text).toBe(200);
  const applied = await owner.post('/api/merges', { ...body, fingerprint: preview.body.fingerprint });
  expect(applied.status, applied.text).toBe(201);
  return { preview: preview.body, merge: applied.body };
}

describe('merging the seed case', () => {
  let seed: SeedCase;
  let mergeId: string;
  let before: Map<string, string>;

  it('compares the two side by side, the rule ranking the desk profile first', async () => {
    seed = await seedCase(ctx.database, actor);
    const res = await owner.get(`/api/merges/compare?ids=${seed.stefanie},${seed.stephanie}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.customers.map((c: any) => c.id)).toEqual([seed.stefanie, seed.stephanie]);
    expect(res.body.rank).toEqual([seed.stephanie, seed.stefanie]);
    const rows = new Map(res.body.fields.map((f: any) => [f.field, f]));
    expect(rows.get('mobile')).toMatchObject({ identical: true });
    expect(rows.get('firstName')).toMatchObject({ identical: false, values: ['stefanie', 'Stephanie'] });
    expect(res.body.customers[0]).toMatchObject({
      history: { appointments: 2 },
      onlineAccount: { loginEmail: 'stefaniew@hotmail.com', state: 'active' },
    });
    const docs = await owner.get('/api/docs/json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/merges/preview',
        '/api/merges',
        '/api/merges/{id}/undo',
        '/api/merges/bulk',
      ]),
    );
  });

  it('previews the plan without changing anything', async () => {
    before = await historyOwners(ctx.database, tenant.tenantId);
    const res = await owner.post('/api/merges/preview', {
      ids: [seed.stephanie, seed.stefanie],
      fields: { email: { from: seed.stefanie } },
    });
    expect(res.status, res.text).toBe(200);
    const plan = res.body.plan;
    expect(plan.survivorId).toBe(seed.stephanie);
    expect(plan.values).toMatchObject({ firstName: 'Stephanie', email: 'stefaniew@hotmail.com' });
    expect(plan.totals.appointments).toBe(5);
    expect(plan.moves).toContainEqual({ from: seed.stefanie, table: 'appointments', count: 2 });
    expect(plan.loyaltyPoints.after).toBe(40);
    expect(plan.clashes.map((c: { kind: string }) => c.kind)).toEqual(['newsletter']);
    expect(await historyOwners(ctx.database, tenant.tenantId)).toEqual(before);
    expect((await customer(seed.stefanie)).merged_into).toBeNull();
  });

  it('applies it in one go: history, login, contact point, tombstone, survivor, index, history row, audit', async () => {
    const { merge } = await previewAndApply({
      ids: [seed.stephanie, seed.stefanie],
      fields: { email: { from: seed.stefanie } },
    });
    mergeId = merge.id;
    expect(merge.survivor).toMatchObject({ id: seed.stephanie, name: 'Stephanie Wahters' });
    expect(merge.customers.map((c: any) => [c.live, c.history.appointments])).toEqual([
      [true, 5],
      [false, 0],
    ]);
    expect(await count('appointments', seed.stephanie)).toBe(5);
    expect(await count('online_accounts', seed.stephanie)).toBe(1);
    const [account] = await q<{ state: string; customer_id: string }>(
      'SELECT state, customer_id FROM online_accounts WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, seed.stefanieAccount],
    );
    expect(account).toEqual({ state: 'active', customer_id: seed.stephanie });
    const points = await q<{ value: string; origin: string; merge_id: string }>(
      'SELECT value, origin, merge_id FROM customer_contact_points WHERE tenant_id = $1 AND customer_id = $2',
      [tenant.tenantId, seed.stephanie],
    );
    expect(points).toEqual([{ value: 'stephaniewachters@telenet.be', origin: 'merge', merge_id: mergeId }]);
    const notes = await q<{ position: number }>(
      'SELECT position FROM customer_notes WHERE tenant_id = $1 AND customer_id = $2 ORDER BY position',
      [tenant.tenantId, seed.stephanie],
    );
    expect(notes.map((n) => n.position)).toEqual([1, 2]);
    const [loyalty] = await q<{ points: number }>(
      'SELECT sum(points)::int AS points FROM loyalty_ledger WHERE tenant_id = $1 AND customer_id = $2',
      [tenant.tenantId, seed.stephanie],
    );
    expect(loyalty?.points).toBe(40);

    const survivor = await customer(seed.stephanie);
    expect(survivor).toMatchObject({
      email: 'stefaniew@hotmail.com',
      first_name: 'Stephanie',
      newsletter_consent: false,
    });
    expect(survivor.customer_since.toISOString()).toBe('2022-03-24T09:05:00.000Z');
    const tomb = await customer(seed.stefanie);
    expect(tomb.merged_into).toBe(seed.stephanie);
    expect(tomb.merged_at).not.toBeNull();
    expect((await resolveCustomer(ctx.database.db, tenant.tenantId, seed.stefanie)).row.id).toBe(
      seed.stephanie,
    );
    const keys = await q('SELECT 1 FROM customer_match_keys WHERE tenant_id = $1 AND customer_id = $2', [
      tenant.tenantId,
      seed.stefanie,
    ]);
    expect(keys).toEqual([]);

    const [row] = await q<{ moved: any; before_snapshot: any; choices: any }>(
      'SELECT moved, before_snapshot, choices FROM merges WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, mergeId],
    );
    expect(Object.keys(row!.moved.rows.appointments)).toEqual([seed.stefanie]);
    expect(row!.moved.rows.appointments[seed.stefanie]).toHaveLength(2);
    expect(row!.before_snapshot.customers.map((c: any) => c.email).sort()).toEqual([
      'stefaniew@hotmail.com',
      'stephaniewachters@telenet.be',
    ]);
    expect(row!.choices.fields).toEqual({ email: { from: seed.stefanie } });
    const audit = await q<{ action: string; customer_ids: string[] }>(
      'SELECT action, customer_ids FROM audit_log WHERE tenant_id = $1 AND entity_id = $2',
      [tenant.tenantId, mergeId],
    );
    expect(audit).toEqual([{ action: 'merge.applied', customer_ids: [seed.stephanie, seed.stefanie] }]);
  });

  it('lists the merge in the history, per customer, in detail and in the exports', async () => {
    const list = await owner.get('/api/merges');
    expect(list.body.items.map((m: any) => m.id)).toContain(mergeId);
    const perCustomer = await owner.get(`/api/customers/${seed.stefanie}/merges`);
    expect(perCustomer.body).toMatchObject({
      total: 1,
      items: [{ id: mergeId, merged: [{ id: seed.stefanie }] }],
    });
    const detail = await owner.get(`/api/merges/${mergeId}`);
    expect(detail.body.performedBy.name).toContain('Owner');
    expect(detail.body.beforeSnapshot.customers).toHaveLength(2);
    expect(detail.body.undoableUntil).toBe('2026-12-24T10:00:00.000Z');
    const csv = await owner.get('/api/merges/export?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.replace('\uFEFF', '').trim().split('\n');
    expect(lines[0]).toContain('merge_id,performed_at');
    expect(lines.find((l) => l.startsWith(mergeId))).toContain('stefanie wachters');
    const json = await owner.get(`/api/merges/export?format=json&customerId=${seed.stephanie}`);
    expect(JSON.parse(json.text).map((m: any) => m.id)).toEqual([mergeId]);
  });

  it('refuses to merge the merged-away profile again, naming it', async () => {
    const other = await addCustomer(ctx.database, actor, { firstName: 'Els', lastName: 'Wachters' });
    owner.language = 'nl';
    const res = await owner.post('/api/merges/preview', { ids: [other, seed.stefanie] });
    owner.language = undefined;
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('merge_already_merged');
    expect(res.body.error.message).toMatch(/Klant #\d+ is al samengevoegd/);
  });

  it('undoes it: both profiles back with their own history, later additions stay, edits since are kept', async () => {
    const added = await addAppointment(ctx.database, tenant.tenantId, seed.stephanie, '2026-12-01T10:00:00Z');
    const current = await customer(seed.stephanie);
    await updateCustomer(
      ctx.database,
      actor,
      seed.stephanie,
      current.version,
      { city: 'Gent', firstName: 'Steffi', email: 'steffi@new.be' },
      clock,
    );
    clock = new Date('2026-11-30T10:00:00Z');
    const res = await owner.post(`/api/merges/${mergeId}/undo`);
    expect(res.status, res.text).toBe(200);
    // The merge changed the e-mail and the consent: the consent goes back, the e-mail was edited
    // since and keeps its new value. First name and city were not changed by the merge; their
    // edits simply stay.
    expect(res.body.restoredFields).toEqual(['newsletterConsent']);
    expect(res.body.keptFields).toEqual(['email']);
    expect(res.body.movedBack.appointments).toBe(2);

    const after = await historyOwners(ctx.database, tenant.tenantId);
    const expected = new Map(before);
    expected.set(`appointments:${added}`, seed.stephanie);
    expect(after).toEqual(expected);
    expect(await count('appointments', seed.stephanie)).toBe(4);
    expect(await count('appointments', seed.stefanie)).toBe(2);
    expect(await count('customer_contact_points', seed.stephanie)).toBe(0);
    const survivor = await customer(seed.stephanie);
    expect(survivor).toMatchObject({
      email: 'steffi@new.be',
      first_name: 'Steffi',
      city: 'Gent',
      newsletter_consent: true,
    });
    expect((await customer(seed.stefanie)).merged_into).toBeNull();
    const [m] = await q<{ undone_at: Date; undone_by: string }>(
      'SELECT undone_at, undone_by FROM merges WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, mergeId],
    );
    expect(m).toEqual({ undone_at: clock, undone_by: tenant.ownerId });
    const audit = await q<{ action: string }>(
      'SELECT action FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 ORDER BY at',
      [tenant.tenantId, mergeId],
    );
    expect(audit.map((a) => a.action)).toEqual(['merge.applied', 'merge.undone']);
    const keys = await q('SELECT 1 FROM customer_match_keys WHERE tenant_id = $1 AND customer_id = $2', [
      tenant.tenantId,
      seed.stefanie,
    ]);
    expect(keys.length).toBeGreaterThan(0);
  });

  it('refuses a second undo', async () => {
    const res = await owner.post(`/api/merges/${mergeId}/undo`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('merge_already_undone');
  });
});

describe('apply after a change', () => {
  it('fails with 409 naming the profile that changed, and changes nothing', async () => {
    const a = await addCustomer(ctx.database, actor, {
      firstName: 'Jan',
      lastName: 'Peeters',
      mobile: '0476 11 22 33',
    });
    const b = await addCustomer(ctx.database, actor, {
      firstName: 'Jan',
      lastName: 'Peters',
      mobile: '0476 11 22 33',
    });
    const preview = await owner.post('/api/merges/preview', { ids: [a, b] });
    const row = await customer(b);
    await updateCustomer(ctx.database, actor, b, row.version, { city: 'Lier' }, clock);
    const snapshot = await historyOwners(ctx.database, tenant.tenantId);
    const res = await owner.post('/api/merges', { ids: [a, b], fingerprint: preview.body.fingerprint });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'merge_stale',
      details: { customerId: b, number: row.number },
    });
    expect(res.body.error.message).toContain(`#${row.number} (Jan Peters)`);
    expect((await customer(b)).merged_into).toBeNull();
    expect(await historyOwners(ctx.database, tenant.tenantId)).toEqual(snapshot);

    // New history on a profile is a change too.
    const again = await owner.post('/api/merges/preview', { ids: [a, b] });
    await addAppointment(ctx.database, tenant.tenantId, a, '2026-12-02T09:00:00Z');
    const stale = await owner.post('/api/merges', { ids: [a, b], fingerprint: again.body.fingerprint });
    expect(stale.body.error).toMatchObject({ code: 'merge_stale', details: { customerId: a } });
  });

  it('refuses to apply a different merge than the one previewed', async () => {
    const a = await addCustomer(ctx.database, actor, { firstName: 'An', lastName: 'Claes' });
    const b = await addCustomer(ctx.database, actor, { firstName: 'Ann', lastName: 'Claes' });
    const preview = await owner.post('/api/merges/preview', { ids: [a, b] });
    const res = await owner.post('/api/merges', {
      ids: [a, b],
      survivorId: b,
      fingerprint: preview.body.fingerprint,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'merge_preview_mismatch', field: 'fingerprint' });
  });
});

describe('guards', () => {
  it('refuses a record with itself, too many, archived and deleted records, each with its message', async () => {
    const a = await addCustomer(ctx.database, actor, { lastName: 'Maes' });
    const b = await addCustomer(ctx.database, actor, { lastName: 'Maes' });
    const same = await owner.post('/api/merges/preview', { ids: [a, a] });
    expect(same.body.error).toMatchObject({ code: 'merge_same_record', field: 'ids' });
    expect(same.body.error.message).toContain('cannot be merged with itself');

    const many = [];
    for (let i = 0; i < 21; i++) many.push(await addCustomer(ctx.database, actor, { lastName: `Maes ${i}` }));
    const tooMany = await owner.post('/api/merges/preview', { ids: many });
    expect(tooMany.body.error).toMatchObject({
      code: 'merge_too_many',
      message: 'At most 20 customers can be merged at once.',
    });

    await q('UPDATE customers SET archived_at = now() WHERE tenant_id = $1 AND id = $2', [
      tenant.tenantId,
      b,
    ]);
    const archived = await owner.post('/api/merges/preview', { ids: [a, b] });
    expect(archived.status).toBe(400);
    expect(archived.body.error.code).toBe('merge_archived');
    await q('UPDATE customers SET archived_at = NULL, deleted_at = now() WHERE tenant_id = $1 AND id = $2', [
      tenant.tenantId,
      b,
    ]);
    const deleted = await owner.post('/api/merges/preview', { ids: [a, b] });
    expect(deleted.body.error.code).toBe('merge_deleted');

    const one = await owner.post('/api/merges/preview', { ids: [a] });
    expect(one.body.error.code).toBe('merge_too_few');
    const badSurvivor = await owner.post('/api/merges/preview', { ids: [a, many[0]], survivorId: many[1] });
    expect(badSurvivor.body.error).toMatchObject({ code: 'merge_not_involved', field: 'survivorId' });
    const badField = await owner.post('/api/merges/preview', {
      ids: [a, many[0]],
      fields: { birthDate: { value: '2999-01-01' } },
    });
    expect(badField.body.error).toMatchObject({ code: 'birth_date_future', field: 'fields.birthDate' });
  });

  it("answers 404 for another business's customer or merge, and for malformed ids", async () => {
    const other = await createTestTenant(ctx);
    const otherActor: Actor = { ...actor, tenantId: other.tenantId, staffId: other.ownerId };
    const foreign = await addCustomer(ctx.database, otherActor, { lastName: 'Vreemd' });
    const mine = await addCustomer(ctx.database, actor, { lastName: 'Eigen' });
    const res = await owner.post('/api/merges/preview', { ids: [mine, foreign] });
    expect(res.status).toBe(404);
    expect((await owner.post('/api/merges/preview', { ids: [mine, 'nope'] })).status).toBe(404);
    const otherOwner = await loginOwner(ctx, other);
    expect(otherOwner.csrfToken).toBeDefined();
    const mine2 = await addCustomer(ctx.database, actor, { lastName: 'Eigen' });
    const { merge } = await previewAndApply({ ids: [mine, mine2] });
    expect((await otherOwner.get(`/api/merges/${merge.id}`)).status).toBe(404);
    expect((await otherOwner.post(`/api/merges/${merge.id}/undo`)).status).toBe(404);
    expect((await otherOwner.get('/api/merges')).body.total).toBe(0);
    expect((await otherOwner.get(`/api/customers/${mine}/merges`)).status).toBe(404);
  });
});

describe('online accounts, duplicate groups and the undo window', () => {
  it('keeps one login, disables the other with the merge named, and re-enables it on undo', async () => {
    const a = await addCustomer(ctx.database, actor, { firstName: 'Lien', lastName: 'Janssens' });
    const b = await addCustomer(
      ctx.database,
      actor,
      { firstName: 'Lien', lastName: 'Janssens' },
      { source: 'online' },
    );
    const accA = await addAccount(
      ctx.database,
      tenant.tenantId,
      a,
      'lien@a.be',
      'active',
      '2025-01-01T00:00:00Z',
    );
    const accB = await addAccount(
      ctx.database,
      tenant.tenantId,
      b,
      'lien@b.be',
      'active',
      '2026-06-01T00:00:00Z',
    );
    const preview = await owner.post('/api/merges/preview', { ids: [a, b] });
    const clash = preview.body.plan.clashes.find((c: any) => c.kind === 'online_accounts');
    expect(clash).toMatchObject({ kept: accB, decidedBy: 'default' });
    const { merge } = await previewAndApply({ ids: [a, b], choices: { onlineAccount: accA } });
    const accounts = await q<{
      id: string;
      state: string;
      disabled_reason: string | null;
      customer_id: string;
    }>(
      'SELECT id, state, disabled_reason, customer_id FROM online_accounts WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY login_email',
      [tenant.tenantId, [accA, accB]],
    );
    expect(accounts).toEqual([
      { id: accA, state: 'active', disabled_reason: null, customer_id: a },
      { id: accB, state: 'disabled', disabled_reason: `merge:${merge.id}`, customer_id: a },
    ]);
    const undo = await owner.post(`/api/merges/${merge.id}/undo`);
    expect(undo.body.accountsReenabled).toBe(1);
    const back = await q<{ state: string; customer_id: string }>(
      'SELECT state, customer_id FROM online_accounts WHERE tenant_id = $1 AND id = $2',
      [tenant.tenantId, accB],
    );
    expect(back).toEqual([{ state: 'active', customer_id: b }]);
  });

  it('finds appointments at the same time, cancels the one staff chose, and restores it on undo', async () => {
    const a = await addCustomer(ctx.database, actor, { firstName: 'Noor', lastName: 'Peeters' });
    const b = await addCustomer(
      ctx.database,
      actor,
      { firstName: 'Noor', lastName: 'Peeters' },
      { source: 'online' },
    );
    const t = tenant.tenantId;
    const a1 = await addAppointment(ctx.database, t, a, '2026-12-05T10:00:00Z', 60, 'booked');
    const b1 = await addAppointment(ctx.database, t, b, '2026-12-05T10:30:00Z', 60, 'booked');
    await addAppointment(ctx.database, t, b, '2026-12-05T11:00:00Z', 60, 'cancelled');
    await addAppointment(ctx.database, t, b, '2026-12-06T10:00:00Z', 60, 'booked');
    const preview = await owner.post('/api/merges/preview', { ids: [a, b] });
    const clashes = preview.body.plan.clashes.filter((c: any) => c.kind === 'appointments');
    expect(clashes.map((c: any) => c.appointments.map((x: any) => x.id))).toEqual([[a1, b1]]);
    expect(preview.body.plan.customers.find((c: any) => c.id === b).lastAppointmentAt).toBeNull();

    const { merge } = await previewAndApply({ ids: [a, b], choices: { cancelAppointments: [b1] } });
    const status = async () =>
      (
        await q<{ status: string }>('SELECT status FROM appointments WHERE tenant_id = $1 AND id = $2', [
          t,
          b1,
        ])
      )[0]!.status;
    expect(await status()).toBe('cancelled');
    expect(merge.plan.cancelAppointments).toEqual([b1]);
    const undo = await owner.post(`/api/merges/${merge.id}/undo`);
    expect(undo.body.appointmentsRestored).toBe(1);
    expect(await status()).toBe('booked');
    const other = await owner.post('/api/merges/preview', {
      ids: [a, b],
      choices: { cancelAppointments: [a] },
    });
    expect(other.body.error).toMatchObject({
      code: 'merge_not_a_clash',
      field: 'choices.cancelAppointments',
    });
  });

  it('closes duplicate groups of merged profiles and reopens them on undo', async () => {
    const a = await addCustomer(ctx.database, actor, { lastName: 'Wouters' });
    const b = await addCustomer(ctx.database, actor, { lastName: 'Wouters' });
    const c = await addCustomer(ctx.database, actor, { lastName: 'Wouters' });
    const group = async (members: string[]) => {
      const [row] = await q<{ id: string }>(
        `INSERT INTO duplicate_groups (tenant_id, id, probability, member_ids) VALUES ($1, gen_random_uuid(), 0.97, $2::uuid[]) RETURNING id`,
        [tenant.tenantId, members],
      );
      return row!.id;
    };
    const whole = await group([a, b]);
    const partial = await group([b, c]);
    const { merge } = await previewAndApply({ ids: [a, b], survivorId: a });
    const status = async () =>
      (
        await q<{ id: string; status: string }>(
          'SELECT id, status FROM duplicate_groups WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
          [tenant.tenantId, [whole, partial]],
        )
      )
        .map((r) => `${r.id === whole ? 'whole' : 'partial'}:${r.status}`)
        .sort();
    expect(await status()).toEqual(['partial:stale', 'whole:merged']);
    await owner.post(`/api/merges/${merge.id}/undo`);
    expect(await status()).toEqual(['partial:open', 'whole:open']);
  });

  it("refuses an undo past the business's window", async () => {
    const a = await addCustomer(ctx.database, actor, { lastName: 'Dubois' });
    const b = await addCustomer(ctx.database, actor, { lastName: 'Dubois' });
    const { merge } = await previewAndApply({ ids: [a, b] });
    clock = new Date(clock.getTime() + 31 * 86_400_000);
    const res = await owner.post(`/api/merges/${merge.id}/undo`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'merge_undo_expired',
      message: 'A merge can be undone for 30 days; this one is older.',
    });
    expect(await owner.patch('/api/settings', { undoWindowDays: 60 })).toMatchObject({ status: 200 });
    expect((await owner.post(`/api/merges/${merge.id}/undo`)).status).toBe(200);
    await owner.patch('/api/settings', { undoWindowDays: 30 });
  });

  it('refuses to undo while a later merge took one of its profiles away, and allows it once that is undone', async () => {
    const a = await addCustomer(ctx.database, actor, { lastName: 'Mertens', firstName: 'A' });
    const b = await addCustomer(ctx.database, actor, { lastName: 'Mertens', firstName: 'B' });
    const c = await addCustomer(ctx.database, actor, { lastName: 'Mertens', firstName: 'C' });
    const first = (await previewAndApply({ ids: [a, b], survivorId: a })).merge;
    const second = (await previewAndApply({ ids: [c, a], survivorId: c })).merge;
    const blocked = await owner.post(`/api/merges/${first.id}/undo`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toMatchObject({
      code: 'merge_undo_blocked',
      details: { laterMergeId: second.id, customerId: a },
    });
    expect((await owner.post(`/api/merges/${second.id}/undo`)).status).toBe(200);
    expect((await owner.post(`/api/merges/${first.id}/undo`)).status).toBe(200);
    expect([
      (await customer(a)).merged_into,
      (await customer(b)).merged_into,
      (await customer(c)).merged_into,
    ]).toEqual([null, null, null]);
  });
});
