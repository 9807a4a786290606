/**
 * E-mailing a customer. Every message is stored with the customer first (status "outbox", in the
 * same transaction as its audit entry), then handed to the mailer: with SMTP configured it becomes
 * "sent" or "failed" (with the server's error); without SMTP (the embedded default) it stays in the
 * outbox, where staff read it in the app. A message that was not sent can be sent again once SMTP
 * works. A merged-away customer id resolves to the survivor.
 */
import { randomUUID } from 'node:crypto';
import validator from 'validator';
import type { Database, Db } from '../../db/connection.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { resolveCustomer } from '../customers/customers.service.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel } from '../shared/actor.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import * as repo from './messages.repository.ts';
import type { MessageRow } from './messages.repository.ts';
import './messages.messages.ts';

export const MAX_SUBJECT = 200;
export const MAX_MESSAGE = 20_000;

export interface NewMessage {
  to: string;
  subject: string;
  message: string;
}

function checked(input: NewMessage): NewMessage {
  const to = input.to.trim();
  const subject = input.subject.replace(/\s+/g, ' ').trim();
  const message = input.message.replaceAll(String.fromCharCode(0), '').trim();
  if (to === '') throw invalid('to', 'validation.required');
  if (!validator.isEmail(to, { allow_utf8_local_part: true })) throw invalid('to', 'invalid_email');
  if (subject === '') throw invalid('subject', 'validation.required');
  if (subject.length > MAX_SUBJECT) throw invalid('subject', 'validation.too_big', { maximum: MAX_SUBJECT });
  if (message === '') throw invalid('message', 'validation.required');
  if (message.length > MAX_MESSAGE) throw invalid('message', 'validation.too_big', { maximum: MAX_MESSAGE });
  return { to, subject, message };
}

/**
 * Hands a stored message to the mailer, after the transaction that stored it: with SMTP it becomes
 * "sent" or "failed" (with the server's error); without SMTP it stays in the outbox.
 */
export async function deliver(
  database: Database,
  mailer: Mailer,
  row: MessageRow,
  now: Date,
): Promise<MessageRow> {
  if (mailer.mode === 'outbox') return row;
  const result = await mailer.send({ to: row.toAddress, subject: row.subject, text: row.body });
  const update =
    result.status === 'sent'
      ? { status: 'sent' as const, error: null, sentAt: now }
      : result.status === 'failed'
        ? { status: 'failed' as const, error: result.error, sentAt: null }
        : { status: 'outbox' as const, error: null, sentAt: null };
  return (await repo.setMessageResult(database.db, row.tenantId, row.id, update)) ?? row;
}

/** Stores an e-mail the product writes to a customer (an invitation, a booking answer) in the outbox. */
export async function storeMail(
  tx: Db,
  tenantId: string,
  customerId: string,
  to: string,
  mail: { subject: string; text: string },
  createdBy: string | null,
  now: Date,
): Promise<MessageRow> {
  return repo.insertMessage(tx, {
    tenantId,
    id: randomUUID(),
    customerId,
    channel: 'email',
    toAddress: to,
    subject: mail.subject,
    body: mail.text,
    status: 'outbox',
    createdBy,
    createdAt: now,
  });
}

export async function sendMessage(
  database: Database,
  mailer: Mailer,
  actor: Actor,
  customerId: string,
  input: NewMessage,
  now: () => Date,
): Promise<MessageRow> {
  const message = checked(input);
  const stored = await database.db.transaction(async (tx) => {
    const { row: customer } = await resolveCustomer(tx, actor.tenantId, customerId);
    if (customer.erasedAt !== null) throw new AppError(409, 'customer_erased');
    const row = await repo.insertMessage(tx, {
      tenantId: actor.tenantId,
      id: randomUUID(),
      customerId: customer.id,
      channel: 'email',
      toAddress: message.to,
      subject: message.subject,
      body: message.message,
      status: 'outbox',
      createdBy: actor.staffId,
      createdAt: now(),
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorStaffId: actor.staffId,
      actor: actorLabel(actor),
      action: 'message.created',
      entityType: 'message',
      entityId: row.id,
      customerIds: [customer.id],
      details: { channel: 'email', mode: mailer.mode },
      at: now(),
    });
    return row;
  });
  return deliver(database, mailer, stored, now());
}

/** Sends a message that stayed in the outbox or failed, now that SMTP is (again) available. */
export async function resendMessage(
  database: Database,
  mailer: Mailer,
  actor: Actor,
  messageId: string,
  now: () => Date,
): Promise<MessageRow> {
  const row = await repo.findMessage(database.db, actor.tenantId, messageId);
  if (!row) throw notFound('message');
  if (row.status === 'sent') throw new AppError(409, 'message_already_sent');
  if (mailer.mode === 'outbox') throw new AppError(409, 'smtp_not_configured');
  return deliver(database, mailer, row, now());
}

export async function customerMessages(
  database: Database,
  actor: Actor,
  customerId: string,
): Promise<MessageRow[]> {
  const { row } = await resolveCustomer(database.db, actor.tenantId, customerId);
  return repo.messagesOfCustomer(database.db, actor.tenantId, row.id, 200);
}

export async function getMessage(database: Database, actor: Actor, id: string): Promise<MessageRow> {
  const row = await repo.findMessage(database.db, actor.tenantId, id);
  if (!row) throw notFound('message');
  return row;
}
