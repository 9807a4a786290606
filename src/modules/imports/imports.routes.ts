/**
 * The import wizard's API: upload a CSV file as the request body, map its columns, dry run,
 * choose, apply as a background job, download the report; and saved mappings.
 */
import { z } from 'zod';
import { DELIMITERS, IMPORT_TARGETS } from '../../core/import/index.ts';
import type { ColumnMapping } from '../../core/import/index.ts';
import {
  importOnMatch,
  importOnPossible,
  importRowActions,
  importRowOutcomes,
  importStatuses,
} from '../../db/schema.ts';
import { errorBody } from '../../server/errors.ts';
import type { App, Deps } from '../../server/types.ts';
import { jobView, presentJob } from '../jobs/jobs.routes.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel, requireActor } from '../shared/actor.ts';
import { notFound } from '../shared/errors.ts';
import type { Language } from '../shared/language.ts';
import { idParams, isUuid } from '../shared/schemas.ts';
import { planImport } from './imports.plan.ts';
import * as repo from './imports.repository.ts';
import type { ImportRow } from './imports.repository.ts';
import * as service from './imports.service.ts';

/** A 100,000-row export with every column is about 15 MB. */
export const UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

const target = z.enum(IMPORT_TARGETS);
const mappingSchema = z
  .array(target.nullable())
  .max(100)
  .describe('Per column, in file order: a customer field, "fullName", or null to leave it out');
const summarySchema = z.object({
  rows: z.number().int(),
  new: z.number().int(),
  match: z.number().int(),
  possible: z.number().int(),
  fileDuplicate: z.number().int(),
  invalid: z.number().int(),
});

const importView = z
  .object({
    id: z.string().uuid(),
    fileName: z.string(),
    fileBytes: z.number().int(),
    encoding: z.string().describe('utf-8, utf-8-bom, utf-16le, utf-16be or windows-1252, as detected'),
    delimiter: z.string(),
    header: z.array(z.string()),
    rowCount: z.number().int(),
    mapping: z.array(z.string().nullable()).nullable(),
    status: z.enum(importStatuses),
    onMatch: z.enum(importOnMatch),
    onPossible: z.enum(importOnPossible),
    summary: summarySchema.partial().describe('Counts of the dry run (empty before it)'),
    plannedAt: z.date().nullable(),
    job: jobView.nullable(),
    appliedThrough: z.number().int().describe('Checkpoint: rows up to this index (0-based) are applied'),
    result: z.record(z.string(), z.number()).nullable().describe('Rows per action once applied'),
    error: z.string().nullable(),
    createdAt: z.date(),
    appliedAt: z.date().nullable(),
    sample: z.array(z.array(z.string())).optional(),
    savedMappingId: z.string().uuid().nullable().optional(),
  })
  .meta({ id: 'Import' });

const candidateView = z.object({
  customerId: z.string().uuid(),
  number: z.number().int().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  probability: z.number(),
  certain: z
    .string()
    .nullable()
    .describe('Why the match is certain (email, phone_and_name, probability), or null'),
});

const rowView = z
  .object({
    idx: z.number().int(),
    rowNumber: z.number().int().describe('As a spreadsheet numbers it: the header is row 1'),
    cells: z.array(z.string()),
    name: z.string(),
    outcome: z.enum(importRowOutcomes).nullable(),
    errors: z.array(
      z.object({ column: z.string().nullable(), field: z.string(), code: z.string(), message: z.string() }),
    ),
    candidates: z.array(candidateView),
    matchCustomerId: z.string().uuid().nullable(),
    matchReason: z.string().nullable(),
    duplicateOfRow: z.number().int().nullable(),
    decision: z.enum(['create', 'skip', 'match']).nullable(),
    decisionCustomerId: z.string().uuid().nullable(),
    action: z.enum(importRowActions).nullable(),
    customerId: z.string().uuid().nullable(),
    customerNumber: z.number().int().nullable(),
    message: z.string(),
  })
  .meta({ id: 'ImportRow' });

const mappingView = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    header: z.array(z.string()),
    mapping: z.array(z.string().nullable()),
    createdAt: z.date(),
  })
  .meta({ id: 'ImportMapping' });

async function present(
  deps: Deps,
  imp: ImportRow,
  extra: { sample?: string[][]; savedMappingId?: string | null } = {},
) {
  const job = imp.jobId ? await deps.jobs.get(imp.tenantId, imp.jobId) : undefined;
  return {
    id: imp.id,
    fileName: imp.fileName,
    fileBytes: imp.fileBytes,
    encoding: imp.encoding,
    delimiter: imp.delimiter,
    header: imp.header,
    rowCount: imp.rowCount,
    mapping: imp.mapping,
    status: imp.status,
    onMatch: imp.onMatch,
    onPossible: imp.onPossible,
    summary: imp.summary,
    plannedAt: imp.plannedAt,
    job: job ? presentJob(job) : null,
    appliedThrough: imp.appliedThrough,
    result: imp.result,
    error: imp.error,
    createdAt: imp.createdAt,
    appliedAt: imp.appliedAt,
    ...extra,
  };
}

async function presentRows(deps: Deps, tenantId: string, lang: Language, list: service.ListedRow[]) {
  const ids = list.flatMap((r) => [
    ...(r.plan?.candidates ?? []).map((c) => c.customerId),
    ...(r.result?.customerId ? [r.result.customerId] : []),
    ...(r.plan?.match ? [r.plan.match] : []),
  ]);
  const people = await repo.customerSummaries(deps.database.db, tenantId, ids);
  return list.map((r) => {
    const plan = r.plan;
    const input = (plan?.input ?? {}) as Record<string, string | null>;
    const errors = plan?.errors ?? [];
    const messages = service.describeErrors(lang, errors);
    const customerId = r.result?.customerId ?? null;
    return {
      idx: r.idx,
      rowNumber: r.rowNumber,
      cells: r.cells,
      name: [input.firstName, input.lastName].filter(Boolean).join(' ') || input.displayName || '',
      outcome: plan?.outcome ?? null,
      errors: errors.map((e, i) => ({
        column: e.column,
        field: e.field,
        code: e.code,
        message: messages[i] ?? e.code,
      })),
      candidates: (plan?.candidates ?? []).map((c) => {
        const p = people.get(c.customerId);
        return {
          customerId: c.customerId,
          number: p?.number ?? null,
          name: p ? [p.firstName, p.lastName].filter(Boolean).join(' ') || p.displayName || '' : '',
          email: p?.email ?? null,
          mobile: p?.mobile ?? null,
          probability: c.probability,
          certain: c.certain,
        };
      }),
      matchCustomerId: plan?.match ?? null,
      matchReason: plan?.reason ?? null,
      duplicateOfRow: plan?.duplicateOfRow ?? null,
      decision: r.decision?.decision ?? null,
      decisionCustomerId: r.decision?.customerId ?? null,
      action: r.result?.action ?? null,
      customerId,
      customerNumber: customerId === null ? null : (people.get(customerId)?.number ?? null),
      message: service.rowDetails(lang, plan, r.result),
    };
  });
}

const loadImport = async (deps: Deps, actor: Actor, id: string) =>
  service.getImport(deps.database, actor.tenantId, id);

export function importsRoutes(app: App, deps: Deps): void {
  // Encapsulated, so the raw-body parsers below apply to these routes only.
  void app.register(async (scope: App) => {
    scope.addContentTypeParser(
      ['text/csv', 'text/plain', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES },
      (_req, body, done) => done(null, body),
    );

    scope.post(
      '/api/imports',
      {
        bodyLimit: UPLOAD_LIMIT_BYTES,
        schema: {
          tags: ['imports'],
          summary: 'Upload a customer file (CSV) and get a suggested column mapping',
          description:
            'Send the file itself as the request body with `Content-Type: text/csv` (or `application/octet-stream`), up to 20 MB (a 100,000-row export with every column is ~15 MB) and 200,000 rows. UTF-8 (with or without BOM), UTF-16 with BOM and Windows-1252 are detected, as are `,` `;` and tab delimiters; force either with `encoding` / `delimiter`. A file that cannot be read is refused with one error naming the line or row, and nothing is stored.',
          consumes: ['text/csv', 'application/octet-stream'],
          querystring: z.object({
            fileName: z.string().trim().min(1).max(200).default('import.csv'),
            encoding: z.enum(['utf-8', 'windows-1252']).optional(),
            delimiter: z.enum(['comma', 'semicolon', 'tab']).optional(),
          }),
          body: z.unknown().meta({ description: 'The CSV file itself', type: 'string', format: 'binary' }),
          response: { 201: importView, 400: errorBody, 413: errorBody, 415: errorBody },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request.actor);
        const body = request.body;
        const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
        const delimiter = request.query.delimiter
          ? DELIMITERS[['comma', 'semicolon', 'tab'].indexOf(request.query.delimiter)]
          : undefined;
        const uploaded = await service.uploadImport(
          deps.database,
          { tenantId: actor.tenantId, staffId: actor.staffId, label: actorLabel(actor) },
          new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          { fileName: request.query.fileName, encoding: request.query.encoding, delimiter },
          deps.now(),
        );
        return reply.status(201).send(
          await present(deps, uploaded.import, {
            sample: uploaded.sample,
            savedMappingId: uploaded.savedMappingId,
          }),
        );
      },
    );
  });

  app.get(
    '/api/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Recent imports',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: z.array(importView) },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      await repo.settleStaleApplies(deps.database.db, actor.tenantId);
      const list = await repo.listImports(deps.database.db, actor.tenantId, request.query.limit);
      return Promise.all(list.map((imp) => present(deps, imp)));
    },
  );

  app.get(
    '/api/imports/:id',
    {
      schema: {
        tags: ['imports'],
        summary: 'One import: mapping, dry-run counts, job progress, result',
        params: idParams,
        response: { 200: importView, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const imp = await loadImport(deps, actor, request.params.id);
      return present(deps, imp, { sample: await service.sampleRows(deps.database, actor.tenantId, imp.id) });
    },
  );

  app.post(
    '/api/imports/:id/plan',
    {
      schema: {
        tags: ['imports'],
        summary: 'Dry run: check every row and find duplicates, without changing any customer',
        description:
          'Validates every row with the rules of editing a customer and runs the duplicate check: duplicates within the file, certain matches with existing customers (same e-mail, same phone with matching name, or above the certain threshold), possible matches, new customers, invalid rows. Can be run again with another mapping until applying starts; 409 `import.partly_applied` once part of it is applied (resume it instead).',
        params: idParams,
        body: z.object({
          mapping: mappingSchema,
          onMatch: z.enum(importOnMatch).optional(),
          onPossible: z.enum(importOnPossible).optional(),
        }),
        response: { 200: importView, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const imp = await loadImport(deps, actor, request.params.id);
      const planned = await planImport(
        deps.database,
        actor.tenantId,
        imp.id,
        {
          mapping: request.body.mapping as ColumnMapping,
          onMatch: request.body.onMatch,
          onPossible: request.body.onPossible,
        },
        deps.now(),
      );
      return present(deps, planned);
    },
  );

  app.patch(
    '/api/imports/:id',
    {
      schema: {
        tags: ['imports'],
        summary: 'Choose what happens to matching and possibly matching customers',
        description:
          "`onMatch`: update-empty (fill the customer's empty fields), overwrite (replace with the file's non-empty values), skip. `onPossible`: create a new customer or skip (per-row decisions override it).",
        params: idParams,
        body: z
          .object({
            onMatch: z.enum(importOnMatch).optional(),
            onPossible: z.enum(importOnPossible).optional(),
          })
          .strict(),
        response: { 200: importView, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const imp = await loadImport(deps, actor, request.params.id);
      return present(deps, await service.setChoices(deps.database, actor.tenantId, imp.id, request.body));
    },
  );

  app.get(
    '/api/imports/:id/rows',
    {
      schema: {
        tags: ['imports'],
        summary: 'Rows of the dry run or the result, by outcome',
        params: idParams,
        querystring: z.object({
          outcome: z.enum(importRowOutcomes).optional(),
          action: z.enum(importRowActions).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
        }),
        response: { 200: z.object({ total: z.number().int(), rows: z.array(rowView) }), 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const imp = await loadImport(deps, actor, request.params.id);
      const list = await service.listRows(deps.database, actor.tenantId, imp.id, request.query);
      return {
        total: list.total,
        rows: await presentRows(deps, actor.tenantId, request.language, list.rows),
      };
    },
  );

  app.put(
    '/api/imports/:id/rows/:idx/decision',
    {
      schema: {
        tags: ['imports'],
        summary:
          'Decide a possible match: create a new customer, skip the row, or link it to one of its candidates',
        params: z.object({ id: z.string(), idx: z.string() }),
        body: z.object({
          decision: z.enum(['create', 'skip', 'match']).nullable(),
          customerId: z.string().uuid().nullable().optional(),
        }),
        response: { 204: z.null(), 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const imp = await loadImport(deps, actor, request.params.id);
      const idx = /^\d{1,7}$/.test(request.params.idx) ? Number(request.params.idx) : -1;
      if (idx < 0) throw notFound('import_row');
      await service.decideRow(deps.database, actor.tenantId, imp.id, idx, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/imports/:id/apply',
    {
      schema: {
        tags: ['imports'],
        summary: 'Apply the dry run as a background job (or resume a failed or interrupted one)',
        description:
          'Applies in chunks of 5,000 rows, each in one transaction with the checkpoint: a failure leaves every chunk either fully applied or not at all, and calling this again resumes after the last applied chunk — also for an import left `applying` whose job gave up or ended. 409 `import.already_applied` while a job still applies it (or it is applied), `import.plan_stale` when another import applied rows after this dry run or is being applied. Follow progress at GET /api/jobs/{id}.',
        params: idParams,
        body: z
          .object({
            onMatch: z.enum(importOnMatch).optional(),
            onPossible: z.enum(importOnPossible).optional(),
          })
          .strict()
          .optional(),
        response: { 202: jobView, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const imp = await loadImport(deps, actor, request.params.id);
      const job = await service.startApply(deps.database, deps.jobs, actor, imp.id, request.body ?? {});
      return reply.status(202).send(presentJob(job));
    },
  );

  app.get(
    '/api/imports/:id/report',
    {
      schema: {
        tags: ['imports'],
        summary: 'The per-row report as CSV',
        description:
          "One line per row of the file: outcome, action, customer number and id, and the reason in the caller's language. UTF-8 with BOM, in the file's own delimiter.",
        params: idParams,
        produces: ['text/csv'],
        response: { 200: z.string(), 404: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const imp = await loadImport(deps, actor, request.params.id);
      const csv = await service.buildReport(deps.database, actor.tenantId, imp.id, request.language);
      const name = imp.fileName.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_') || 'import';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}-report.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/api/import-mappings',
    {
      schema: {
        tags: ['imports'],
        summary: 'Saved column mappings',
        response: { 200: z.array(mappingView) },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      return repo.listMappings(deps.database.db, actor.tenantId);
    },
  );

  app.post(
    '/api/import-mappings',
    {
      schema: {
        tags: ['imports'],
        summary: 'Save a column mapping (a mapping with the same name is replaced)',
        description: 'The next file whose header is the same gets this mapping instead of the suggestion.',
        body: z.object({
          name: z.string().trim().min(1).max(100),
          header: z.array(z.string().max(200)).min(1).max(100),
          mapping: mappingSchema,
        }),
        response: { 201: mappingView, 400: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const saved = await service.saveMapping(deps.database, actor, {
        name: request.body.name,
        header: request.body.header,
        mapping: request.body.mapping as ColumnMapping,
      });
      return reply.status(201).send(saved);
    },
  );

  app.delete(
    '/api/import-mappings/:id',
    {
      schema: {
        tags: ['imports'],
        summary: 'Delete a saved mapping',
        params: idParams,
        response: { 204: z.null(), 404: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      if (!isUuid(request.params.id)) throw notFound('import_mapping');
      await service.deleteMapping(deps.database, actor.tenantId, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
