/** Medium tier over HTTP: a customer's notes, on a real database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestTenant, loginOwner } from '../../../test/support/app.ts';
import type { Client, TestContext, TestTenant } from '../../../test/support/app.ts';

let ctx: TestContext;
let tenant: TestTenant;
let client: Client;
let customerId: string;

const stored = async () =>
  (
    await ctx.database.query<{ body: string }>(
      'SELECT body FROM customer_notes WHERE tenant_id = $1 AND customer_id = $2 ORDER BY position',
      [tenant.tenantId, customerId],
    )
  ).map((n) => n.body);

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await createTestTenant(ctx);
  client = await loginOwner(ctx, tenant);
  customerId = (
    await client.post('/api/customers', { firstName: 'Nora', lastName: 'Notities', allowDuplicate: true })
  ).body.id;
});
afterAll(async () => ctx?.close());

describe('notes', () => {
  it('adds notes on top, edits and deletes them, and writes each change to the audit log', async () => {
    const first = await client.post(`/api/customers/${customerId}/notes`, {
      text: '  Allergisch voor ammoniak  ',
    });
    expect(first.status).toBe(201);
    expect(first.body.text).toBe('Allergisch voor ammoniak');
    await client.post(`/api/customers/${customerId}/notes`, { text: 'Koffie zonder suiker' });
    const third = await client.post(`/api/customers/${customerId}/notes`, { text: 'Te wissen' });
    expect(await stored()).toEqual(['Te wissen', 'Koffie zonder suiker', 'Allergisch voor ammoniak']);

    const edited = await client.patch(`/api/customers/${customerId}/notes/${first.body.id}`, {
      text: 'Allergisch voor PPD',
    });
    expect(edited.status).toBe(200);
    expect((await client.delete(`/api/customers/${customerId}/notes/${third.body.id}`)).status).toBe(204);
    expect(await stored()).toEqual(['Koffie zonder suiker', 'Allergisch voor PPD']);
    const list = await client.get(`/api/customers/${customerId}/notes`);
    expect(list.body.map((n: any) => n.text)).toEqual(['Koffie zonder suiker', 'Allergisch voor PPD']);

    const audit = await ctx.database.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE tenant_id = $1 AND entity_type = 'note' ORDER BY at, action`,
      [tenant.tenantId],
    );
    expect(audit.map((a) => a.action).sort()).toEqual([
      'note.added',
      'note.added',
      'note.added',
      'note.deleted',
      'note.edited',
    ]);
  });

  it('persists a new order, and refuses an order that misses or adds a note', async () => {
    const notes = (await client.get(`/api/customers/${customerId}/notes`)).body as { id: string }[];
    const reversed = notes.map((n) => n.id).reverse();
    const res = await client.put(`/api/customers/${customerId}/notes/order`, { noteIds: reversed });
    expect(res.status).toBe(200);
    expect(res.body.map((n: any) => n.id)).toEqual(reversed);
    expect(await stored()).toEqual(['Allergisch voor PPD', 'Koffie zonder suiker']);
    const summary = await client.get(`/api/customers/${customerId}/summary`);
    expect(summary.body.sidebar.firstNotes.map((n: any) => n.text)).toEqual([
      'Allergisch voor PPD',
      'Koffie zonder suiker',
    ]);

    const missing = await client.put(`/api/customers/${customerId}/notes/order`, { noteIds: [reversed[0]] });
    expect(missing.status).toBe(409);
    expect(missing.body.error.code).toBe('notes_changed');
    const doubled = await client.put(`/api/customers/${customerId}/notes/order`, {
      noteIds: [reversed[0], reversed[0]],
    });
    expect(doubled.status).toBe(400);
    expect(await stored()).toEqual(['Allergisch voor PPD', 'Koffie zonder suiker']);
  });

  it('refuses an empty or too long note naming the field, and a note of another customer', async () => {
    const empty = await client.post(`/api/customers/${customerId}/notes`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'validation.required', field: 'text' });
    const long = await client.post(`/api/customers/${customerId}/notes`, { text: 'x'.repeat(5001) });
    expect(long.body.error).toMatchObject({ code: 'validation.too_big', field: 'text' });
    const other = (await client.post('/api/customers', { lastName: 'Ander', allowDuplicate: true })).body.id;
    const note = (await client.get(`/api/customers/${customerId}/notes`)).body[0];
    expect((await client.patch(`/api/customers/${other}/notes/${note.id}`, { text: 'x' })).status).toBe(404);
    expect((await client.delete(`/api/customers/${other}/notes/${note.id}`)).status).toBe(404);
    expect((await client.delete(`/api/customers/${customerId}/notes/nope`)).status).toBe(404);
  });
});
