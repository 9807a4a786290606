/** Merging customers: preview, apply, history, export, undo, comparison and bulk merge. */
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { HISTORY_TABLES } from '../../core/merge/index.ts';
import { errorBody } from '../../server/errors.ts';
import type { App, Deps } from '../../server/types.ts';
import { presentJob } from '../jobs/jobs.routes.ts';
import { requireActor } from '../shared/actor.ts';
import { idParams, paging } from '../shared/schemas.ts';
import { previewBulkMerge, startBulkMerge } from './merges.bulk.ts';
import { compareCustomers, customerMerges, exportMerges, getMerge, listMerges } from './merges.history.ts';
import type { MergeSummary } from './merges.history.ts';
import {
  applyRequest,
  bulkPreviewRequest,
  bulkPreviewResponse,
  bulkRequest,
  compareResponse,
  jobView,
  mergeDetail,
  mergeList,
  mergeRequest,
  previewResponse,
  undoResponse,
} from './merges.schemas.ts';
import { applyMerge, previewMerge } from './merges.service.ts';
import { undoMerge } from './merges.undo.ts';
import './merges.messages.ts';

const tags = ['merges'];
const errors = { 400: errorBody, 404: errorBody, 409: errorBody };

function csvOf(rows: MergeSummary[]): string {
  const header = [
    'merge_id',
    'performed_at',
    'performed_by',
    'survivor_id',
    'survivor_number',
    'survivor_name',
    'merged_ids',
    'merged_numbers',
    'merged_names',
    ...HISTORY_TABLES.map((t) => `moved_${t}`),
    'undone_at',
    'undone_by',
  ];
  const body = rows.map((m) => [
    m.id,
    m.performedAt.toISOString(),
    m.performedBy?.name ?? '',
    m.survivor.id,
    m.survivor.number,
    m.survivor.name,
    m.merged.map((c) => c.id).join(' '),
    m.merged.map((c) => c.number).join(' '),
    m.merged.map((c) => c.name).join(' | '),
    ...HISTORY_TABLES.map((t) => m.moved[t] ?? 0),
    m.undoneAt?.toISOString() ?? '',
    m.undoneBy?.name ?? '',
  ]);
  // A BOM so spreadsheet programs read the names as UTF-8.
  return `\uFEFF${stringify([header, ...body])}`;
}

export function mergesRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/merges/preview',
    {
      schema: {
        tags,
        summary: 'Preview a merge: the plan and its fingerprint',
        description:
          'Nothing changes. The plan lists the final field values and where each comes from, what moves from which customer, clashes with their decisions, and warnings.',
        body: mergeRequest,
        response: { 200: previewResponse, ...errors },
      },
    },
    async (request) => previewMerge(deps.database, requireActor(request.actor), request.body, deps.now()),
  );

  app.post(
    '/api/merges',
    {
      schema: {
        tags,
        summary: 'Apply a previewed merge',
        description:
          'Executes exactly the previewed plan in one transaction. 409 `merge_stale` (naming the customer) when one of the customers or their history changed after the preview.',
        body: applyRequest,
        response: { 201: mergeDetail, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const now = deps.now();
      const merge = await applyMerge(deps.database, actor, request.body, now);
      return reply.status(201).send(await getMerge(deps.database, actor.tenantId, merge.id, now));
    },
  );

  app.get(
    '/api/merges',
    {
      schema: {
        tags,
        summary: 'Merge history of the business, newest first',
        querystring: z.object({ customerId: z.string().max(100).optional(), ...paging }),
        response: { 200: mergeList },
      },
    },
    async (request) => listMerges(deps.database, requireActor(request.actor).tenantId, request.query),
  );

  app.get(
    '/api/merges/export',
    {
      config: { access: 'owner' },
      schema: {
        tags,
        summary: 'Export the merge history (owners)',
        description:
          'CSV: one line per merge with counts. JSON: every merge with its plan, choices, before-snapshot and undo result.',
        querystring: z.object({
          format: z.enum(['csv', 'json']).default('csv'),
          customerId: z.string().max(100).optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const rows = await exportMerges(deps.database, actor.tenantId, {
        customerId: request.query.customerId,
      });
      const day = deps.now().toISOString().slice(0, 10);
      void reply.header(
        'content-disposition',
        `attachment; filename="merges-${day}.${request.query.format}"`,
      );
      if (request.query.format === 'json') return reply.type('application/json').send(JSON.stringify(rows));
      return reply.type('text/csv; charset=utf-8').send(csvOf(rows));
    },
  );

  app.get(
    '/api/merges/compare',
    {
      schema: {
        tags,
        summary: 'Customers side by side, field by field',
        querystring: z.object({ ids: z.string().max(2000).describe('Customer ids, comma-separated') }),
        response: { 200: compareResponse, 404: errorBody },
      },
    },
    async (request) => {
      const ids = request.query.ids
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .slice(0, 20);
      return compareCustomers(deps.database, requireActor(request.actor).tenantId, ids, deps.now());
    },
  );

  app.get(
    '/api/merges/:id',
    {
      schema: {
        tags,
        summary: 'One merge with its plan, choices and before-snapshot',
        params: idParams,
        response: { 200: mergeDetail, 404: errorBody },
      },
    },
    async (request) =>
      getMerge(deps.database, requireActor(request.actor).tenantId, request.params.id, deps.now()),
  );

  app.post(
    '/api/merges/:id/undo',
    {
      schema: {
        tags,
        summary: 'Undo a merge',
        description:
          "The merged customers come back with their own history; the survivor gets back its pre-merge values except fields edited since (listed in keptFields). Refused (409) when already undone, past the business's undo window, or while a later merge of these customers is in place.",
        params: idParams,
        response: { 200: undoResponse, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => undoMerge(deps.database, requireActor(request.actor), request.params.id, deps.now()),
  );

  app.get(
    '/api/customers/:id/merges',
    {
      schema: {
        tags,
        summary: "A customer's merges (as survivor or merged away)",
        params: idParams,
        querystring: z.object(paging),
        response: { 200: mergeList, 404: errorBody },
      },
    },
    async (request) =>
      customerMerges(deps.database, requireActor(request.actor).tenantId, request.params.id, request.query),
  );

  app.post(
    '/api/merges/bulk/preview',
    {
      config: { access: 'owner' },
      schema: {
        tags,
        summary: 'Preview merging every open duplicate group above a probability (owners)',
        body: bulkPreviewRequest,
        response: { 200: bulkPreviewResponse, 400: errorBody, 403: errorBody },
      },
    },
    async (request) =>
      previewBulkMerge(
        deps.database,
        requireActor(request.actor),
        request.body.minProbability,
        request.language,
        deps.now(),
      ),
  );

  app.post(
    '/api/merges/bulk',
    {
      config: { access: 'owner' },
      schema: {
        tags,
        summary: 'Merge the previewed duplicate groups in the background (owners)',
        description:
          'Returns the job; follow it with GET /api/jobs/:id. Each group is merged in its own transaction; a group whose customers changed since the preview is skipped and listed in the result.',
        body: bulkRequest,
        response: { 202: jobView, 403: errorBody, ...errors },
      },
    },
    async (request, reply) => {
      const job = await startBulkMerge(
        deps.database,
        deps.jobs,
        requireActor(request.actor),
        request.body.groups,
        request.language,
      );
      return reply.status(202).send(presentJob(job));
    },
  );
}
