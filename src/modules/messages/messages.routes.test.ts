/**
 * Medium tier over HTTP: e-mailing a customer, once without SMTP (the outbox) and once through a
 * real SMTP server on loopback (smtp-server), asserting on what the server received and on the
 * stored messages.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestTenant, loginOwner } from '../../../test/support/app.ts';
import type { Client, TestContext } from '../../../test/support/app.ts';

interface Received {
  from: string;
  to: string[];
  data: string;
}

async function startSmtp(
  reject = false,
): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (reject) return callback(new Error('Mailbox unavailable'));
      return callback();
    },
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, received };
}

async function customerOf(client: Client, email: string): Promise<string> {
  return (
    await client.post('/api/customers', { firstName: 'Mila', lastName: 'Mail', email, allowDuplicate: true })
  ).body.id;
}

describe('without SMTP', () => {
  let ctx: TestContext;
  let client: Client;
  beforeAll(async () => {
    ctx = await createTestContext();
    client = await loginOwner(ctx, await createTestTenant(ctx));
  });
  afterAll(async () => ctx?.close());

  it('keeps the message in the outbox, stored with the customer, readable by staff', async () => {
    const id = await customerOf(client, 'mila@example.com');
    const res = await client.post(`/api/customers/${id}/messages`, {
      to: 'mila@example.com',
      subject: 'Uw afspraak',
      message: 'Tot dinsdag!',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'outbox', to: 'mila@example.com', sentAt: null });
    const outbox = await client.get('/api/messages');
    expect(outbox.body.items).toHaveLength(1);
    expect(outbox.body.items[0]).toMatchObject({
      id: res.body.id,
      customerName: 'Mila Mail',
      message: 'Tot dinsdag!',
    });
    expect((await client.get(`/api/customers/${id}/messages`)).body.map((m: any) => m.id)).toEqual([
      res.body.id,
    ]);
    const resend = await client.post(`/api/messages/${res.body.id}/send`);
    expect(resend.status).toBe(409);
    expect(resend.body.error.code).toBe('smtp_not_configured');
  });

  it('refuses a bad recipient, an empty subject or message naming the field, and stores nothing', async () => {
    const id = await customerOf(client, 'x@example.com');
    for (const [body, field, code] of [
      [{ to: 'not-an-address', subject: 's', message: 'm' }, 'to', 'invalid_email'],
      [{ to: 'x@example.com', subject: ' ', message: 'm' }, 'subject', 'validation.required'],
      [{ to: 'x@example.com', subject: 's', message: '' }, 'message', 'validation.required'],
    ] as const) {
      const res = await client.post(`/api/customers/${id}/messages`, body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ field, code });
    }
    const [row] = await ctx.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM messages WHERE customer_id = $1',
      [id],
    );
    expect(row?.n).toBe(0);
  });
});

describe('through SMTP', () => {
  let ctx: TestContext;
  let client: Client;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createTestContext({
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Kapsalon Lotus <salon@lotus.example>' },
    });
    client = await loginOwner(ctx, await createTestTenant(ctx));
  });
  afterAll(async () => {
    await ctx?.close();
    await new Promise<void>((resolve) => smtp?.server.close(() => resolve()));
  });

  it('sends the e-mail to the SMTP server and stores it as sent', async () => {
    const id = await customerOf(client, 'mila@example.com');
    const res = await client.post(`/api/customers/${id}/messages`, {
      to: 'mila@example.com',
      subject: 'Uw afspraak',
      message: 'Tot dinsdag om 10u!',
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('sent');
    expect(res.body.sentAt).not.toBeNull();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({ from: 'salon@lotus.example', to: ['mila@example.com'] });
    expect(smtp.received[0]?.data).toContain('Subject: Uw afspraak');
    expect(smtp.received[0]?.data).toContain('Tot dinsdag om 10u!');
    const [row] = await ctx.database.query<{ status: string }>('SELECT status FROM messages WHERE id = $1', [
      res.body.id,
    ]);
    expect(row?.status).toBe('sent');
    expect((await client.get('/api/messages')).body.items).toEqual([]);
  });
});

describe('when the SMTP server refuses', () => {
  let ctx: TestContext;
  let client: Client;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp(true);
    ctx = await createTestContext({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } });
    client = await loginOwner(ctx, await createTestTenant(ctx));
  });
  afterAll(async () => {
    await ctx?.close();
    await new Promise<void>((resolve) => smtp?.server.close(() => resolve()));
  });

  it('stores the message as failed with the reason, listed in the outbox for a retry', async () => {
    const id = await customerOf(client, 'mila@example.com');
    const res = await client.post(`/api/customers/${id}/messages`, {
      to: 'mila@example.com',
      subject: 'S',
      message: 'M',
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('failed');
    expect(res.body.error).toContain('Mailbox unavailable');
    expect((await client.get('/api/messages')).body.items.map((m: any) => m.id)).toEqual([res.body.id]);
  });
});
