/**
 * The customer API: list and live search, CSV export, create, read (also by number; merged-away
 * ids and numbers answer the survivor), edit with optimistic locking, summaries, archive and
 * restore, delete and GDPR export and erase (owners). Routes are thin: zod validates, one service
 * call, the presenter shapes the answer.
 */
import { Readable } from 'node:stream';
import { z } from 'zod';
import { errorBody } from '../../server/errors.ts';
import type { App, Deps } from '../../server/types.ts';
import { messagesRoutes } from '../messages/messages.routes.ts';
import { notesRoutes } from '../notes/notes.routes.ts';
import { requireActor } from '../shared/actor.ts';
import { idParams } from '../shared/schemas.ts';
import { customersCsv } from './customers.export.ts';
import { exportCustomerData } from './customers.gdpr.ts';
import {
  archiveCustomer,
  deleteCustomer,
  eraseCustomer,
  previewRemoval,
  restoreCustomer,
} from './customers.lifecycle.ts';
import { presentCustomer, presentListItem } from './customers.presenter.ts';
import {
  createBody,
  customerView,
  exportQuery,
  listQuery,
  listResponse,
  updateBody,
  versionBody,
} from './customers.schemas.ts';
import { listCustomers } from './customers.search.ts';
import { createCustomerChecked } from './customers.create.ts';
import { getCustomer, getCustomerByNumber, updateCustomer } from './customers.service.ts';
import { customerSummary } from './customers.summary.ts';
import { removalPreview, summaryView } from './customers.views.ts';

const tags = ['customers'];
const errors = { 400: errorBody, 404: errorBody, 409: errorBody };

export function customersRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/customers',
    {
      schema: {
        tags,
        summary: 'The customer list, with live search',
        description:
          'Without `q`: live customers, filtered and sorted. With `q`: the customer whose number it is (also a merged-away number, resolved to its survivor), phones in any written form ("0475 88" finds +32 475 88 88 88), e-mail addresses and names from their beginning (any word of first or last name, accents and case ignored, one typo tolerated in words of four letters or more). `total` is exact when `totalExact`; otherwise counting stopped there.',
        querystring: listQuery,
        response: { 200: listResponse, 400: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const q = request.query;
      const page = await listCustomers(deps.database.db, actor.tenantId, { ...q, source: q.source ?? null });
      return {
        items: page.items.map(presentListItem),
        total: page.total,
        totalExact: page.totalExact,
        limit: q.limit,
        offset: q.offset,
      };
    },
  );

  app.get(
    '/api/customers/export.csv',
    {
      schema: {
        tags,
        summary: 'The customer list as CSV',
        description:
          'The same search, filters and sort as the list. UTF-8 with byte order mark, CRLF; `delimiter=semicolon` for Excel with Dutch, French or German regional settings. Column names in the caller’s language.',
        querystring: exportQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const q = request.query;
      const day = deps.now().toISOString().slice(0, 10);
      void reply
        .header('content-disposition', `attachment; filename="customers-${day}.csv"`)
        .type('text/csv; charset=utf-8');
      return reply.send(
        Readable.from(
          customersCsv(
            deps.database.db,
            actor.tenantId,
            { ...q, source: q.source ?? null },
            request.language,
          ),
        ),
      );
    },
  );

  app.post(
    '/api/customers',
    {
      schema: {
        tags,
        summary: 'Create a customer',
        description:
          'Phones are read in the customer’s country, else the business’s, and stored beside the form typed. The business’s required fields apply. When existing customers look like the same person the answer is 409 `possible_duplicates` with them in `details.candidates`; send `allowDuplicate: true` to create anyway.',
        body: createBody,
        response: { 201: customerView, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const { allowDuplicate, ...input } = request.body;
      const row = await createCustomerChecked(
        deps.database,
        actor,
        input,
        { allowDuplicate: allowDuplicate ?? false, lang: request.language },
        deps.now(),
      );
      return reply.status(201).send(presentCustomer(row));
    },
  );

  app.get(
    '/api/customers/by-number/:number',
    {
      schema: {
        tags,
        summary: 'A customer by customer number',
        description: 'A number that was merged away answers the surviving customer, with `mergedFrom`.',
        params: z.object({ number: z.string() }),
        response: { 200: customerView, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const number = /^\d{1,9}$/.test(request.params.number) ? Number(request.params.number) : -1;
      const found = await getCustomerByNumber(deps.database.db, actor.tenantId, number);
      return presentCustomer(found.row, found.mergedFrom);
    },
  );

  app.get(
    '/api/customers/:id',
    {
      schema: {
        tags,
        summary: 'A customer',
        description: 'An id that was merged away answers the surviving customer, with `mergedFrom`.',
        params: idParams,
        response: { 200: customerView, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const found = await getCustomer(deps.database.db, actor.tenantId, request.params.id);
      return presentCustomer(found.row, found.mergedFrom);
    },
  );

  app.patch(
    '/api/customers/:id',
    {
      schema: {
        tags,
        summary: 'Edit a customer',
        description:
          'Only the fields sent change (null clears one). `version` is the version the edit was made on: when someone changed the customer since, the answer is 409 `version_conflict` with the current values in `details.current`, and nothing changes.',
        params: idParams,
        body: updateBody,
        response: { 200: customerView, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const { version, ...input } = request.body;
      const { row } = await updateCustomer(
        deps.database,
        actor,
        request.params.id,
        version,
        input,
        deps.now(),
      );
      return presentCustomer(row);
    },
  );

  app.get(
    '/api/customers/:id/summary',
    {
      schema: {
        tags,
        summary: 'Appointments, booking requests, invoices and the profile sidebar',
        params: idParams,
        response: { 200: summaryView, 404: errorBody },
      },
    },
    async (request) =>
      customerSummary(deps.database, requireActor(request.actor).tenantId, request.params.id, deps.now()),
  );

  for (const [path, action, summary] of [
    ['archive', archiveCustomer, 'Archive a customer (hidden from the list and searches; reversible)'],
    ['restore', restoreCustomer, 'Restore an archived customer'],
  ] as const) {
    app.post(
      `/api/customers/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: idParams,
          body: versionBody.nullish(),
          response: { 200: customerView, ...errors },
        },
      },
      async (request) => {
        const actor = requireActor(request.actor);
        const row = await action(deps.database, actor, request.params.id, request.body?.version, deps.now());
        return presentCustomer(row);
      },
    );
  }

  app.get(
    '/api/customers/:id/removal',
    {
      config: { access: 'owner' },
      schema: {
        tags,
        summary: 'What deleting or erasing would do (owners)',
        description:
          'Changes nothing. Lists the future appointments, open booking requests and unpaid invoices that block it, and counts what would be removed and what stays anonymous.',
        params: idParams,
        response: { 200: removalPreview, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) =>
      previewRemoval(deps.database, requireActor(request.actor), request.params.id, deps.now()),
  );

  app.delete(
    '/api/customers/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags,
        summary: 'Delete a customer (owners)',
        description:
          'Refused with 409 `customer_has_open_items` (listing them in `details`) while future appointments, open booking requests or unpaid invoices exist. Removes the profile, notes, contact points, messages and online account; past appointments and invoices stay on an anonymous record. Cannot be undone.',
        params: idParams,
        body: versionBody.nullish(),
        response: { 204: z.null(), 403: errorBody, ...errors },
      },
    },
    async (request, reply) => {
      await deleteCustomer(
        deps.database,
        requireActor(request.actor),
        request.params.id,
        request.body?.version,
        deps.now(),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/customers/:id/gdpr-export',
    {
      config: { access: 'owner' },
      schema: {
        tags,
        summary: 'Everything about one customer, as JSON (owners, GDPR access request)',
        description:
          'Profile and the records merged into it, contact points, appointments, booking requests, invoices, subscriptions, loyalty points, messages, notes, online account (without password or tokens), consents, merges and audit entries. The export is logged.',
        params: idParams,
        response: { 200: z.record(z.string(), z.unknown()), 403: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const document = await exportCustomerData(
        deps.database,
        requireActor(request.actor),
        request.params.id,
        deps.now(),
      );
      void reply.header(
        'content-disposition',
        `attachment; filename="customer-${document.customer.number}-${deps.now().toISOString().slice(0, 10)}.json"`,
      );
      return document;
    },
  );

  app.post(
    '/api/customers/:id/erase',
    {
      config: { access: 'owner' },
      schema: {
        tags,
        summary: 'Erase a customer’s personal data (owners, GDPR)',
        description:
          'Anonymises the customer and the records merged into it in place; appointments, invoices, subscriptions and loyalty points stay, anonymous. The same refusals as delete. Logged with who did it.',
        params: idParams,
        body: versionBody.nullish(),
        response: { 200: customerView, 403: errorBody, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const { id } = await eraseCustomer(
        deps.database,
        actor,
        request.params.id,
        request.body?.version,
        deps.now(),
      );
      const found = await getCustomerForView(deps, actor.tenantId, id);
      return presentCustomer(found);
    },
  );

  notesRoutes(app, deps);
  messagesRoutes(app, deps);
}

async function getCustomerForView(deps: Deps, tenantId: string, id: string) {
  return (await getCustomer(deps.database.db, tenantId, id)).row;
}
