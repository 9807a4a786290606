/** E-mail to customers: send from the profile, the customer's messages, the outbox. */
import { z } from 'zod';
import { errorBody } from '../../server/errors.ts';
import type { App, Deps } from '../../server/types.ts';
import { requireActor } from '../shared/actor.ts';
import { idParams, paging } from '../shared/schemas.ts';
import { listByStatus } from './messages.repository.ts';
import type { MessageRow, OutboxRow } from './messages.repository.ts';
import * as service from './messages.service.ts';

const tags = ['messages'];
const status = z.enum(['outbox', 'sent', 'failed']);

export const messageView = z
  .object({
    id: z.string().uuid(),
    customerId: z.string().uuid(),
    channel: z.string(),
    to: z.string(),
    subject: z.string(),
    message: z.string(),
    status: status.describe('outbox: not sent (no SMTP configured); sent; failed (see error)'),
    error: z.string().nullable(),
    createdBy: z.string().uuid().nullable(),
    createdAt: z.date(),
    sentAt: z.date().nullable(),
  })
  .meta({ id: 'Message' });

const present = (m: MessageRow) => ({
  id: m.id,
  customerId: m.customerId,
  channel: m.channel,
  to: m.toAddress,
  subject: m.subject,
  message: m.body,
  status: m.status,
  error: m.error,
  createdBy: m.createdBy,
  createdAt: m.createdAt,
  sentAt: m.sentAt,
});

const outboxItem = messageView
  .extend({ customerNumber: z.number().int(), customerName: z.string().nullable() })
  .meta({ id: 'OutboxMessage' });
const presentOutbox = (m: OutboxRow) => ({
  ...present(m),
  customerNumber: m.customerNumber,
  customerName: m.customerName,
});

export function messagesRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/customers/:id/messages',
    {
      schema: {
        tags,
        summary: 'Messages sent to a customer, newest first',
        params: idParams,
        response: { 200: z.array(messageView), 404: errorBody },
      },
    },
    async (request) =>
      (await service.customerMessages(deps.database, requireActor(request.actor), request.params.id)).map(
        present,
      ),
  );

  app.post(
    '/api/customers/:id/messages',
    {
      schema: {
        tags,
        summary: 'E-mail a customer',
        description:
          'Stored with the customer, then sent through SMTP when SMTP_URL is configured (status sent or failed); otherwise it stays in the outbox (status outbox) for staff to read in the app.',
        params: idParams,
        body: z
          .object({
            to: z.string().max(320),
            subject: z.string().max(service.MAX_SUBJECT * 2),
            message: z.string().max(service.MAX_MESSAGE * 2),
          })
          .strict(),
        response: { 201: messageView, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const row = await service.sendMessage(
        deps.database,
        deps.mailer,
        requireActor(request.actor),
        request.params.id,
        request.body,
        deps.now,
      );
      return reply.status(201).send(present(row));
    },
  );

  app.get(
    '/api/messages',
    {
      schema: {
        tags,
        summary: 'Messages of the business by status (the outbox: unsent and failed)',
        querystring: z.object({
          status: z.array(status).or(status).default(['outbox', 'failed']),
          ...paging,
        }),
        response: { 200: z.object({ items: z.array(outboxItem), total: z.number().int() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const { status: wanted, limit, offset } = request.query;
      const page = await listByStatus(
        deps.database.db,
        actor.tenantId,
        Array.isArray(wanted) ? wanted : [wanted],
        {
          limit,
          offset,
        },
      );
      return { items: page.items.map(presentOutbox), total: page.total };
    },
  );

  app.get(
    '/api/messages/:id',
    {
      schema: {
        tags,
        summary: 'One message',
        params: idParams,
        response: { 200: messageView, 404: errorBody },
      },
    },
    async (request) =>
      present(await service.getMessage(deps.database, requireActor(request.actor), request.params.id)),
  );

  app.post(
    '/api/messages/:id/send',
    {
      schema: {
        tags,
        summary: 'Send a message that stayed in the outbox or failed',
        description: '409 `smtp_not_configured` without SMTP_URL; 409 `message_already_sent`.',
        params: idParams,
        response: { 200: messageView, 404: errorBody, 409: errorBody },
      },
    },
    async (request) =>
      present(
        await service.resendMessage(
          deps.database,
          deps.mailer,
          requireActor(request.actor),
          request.params.id,
          deps.now,
        ),
      ),
  );
}
