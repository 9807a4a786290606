/**
 * Duplicates over HTTP: a customer's likely duplicates with their reasons, "not a duplicate", the
 * check before creating a customer, the whole-file scan and its review queue.
 */
import { z } from 'zod';
import { errorBody } from '../../server/errors.ts';
import type { App, Deps } from '../../server/types.ts';
import { jobView, presentJob } from '../jobs/jobs.routes.ts';
import { resolveCustomer } from '../customers/customers.service.ts';
import { requireActor } from '../shared/actor.ts';
import { idParams, paging } from '../shared/schemas.ts';
import { dismissPair, restorePair } from './dismissals.service.ts';
import { findDuplicateCandidates } from './duplicates.service.ts';
import { dismissGroup, getDuplicateGroup, listDuplicateGroups, startScan } from './groups.service.ts';
import './duplicates.messages.ts';

const tags = ['duplicates'];

const reason = z
  .object({
    field: z
      .string()
      .describe(
        'firstName, lastName, email, phone, birthDate, street, place, gender, nameOrder or household',
      ),
    level: z.string().describe('How the field compared: exact, phonetic, different, …'),
    weight: z.number().describe('Bits of evidence: positive pulls the probability up, negative down'),
    sentence: z.string().describe("The reason in one sentence, in the caller's language"),
  })
  .meta({ id: 'DuplicateReason' });

const candidate = z
  .object({
    customerId: z.string().uuid(),
    number: z.number().int(),
    name: z.string(),
    email: z.string().nullable(),
    mobile: z.string().nullable(),
    probability: z.number(),
    certain: z.boolean().describe("At or above the business's certain threshold"),
    fields: z.array(reason),
    appointmentCount: z.number().int(),
    customerSince: z.date(),
    lastAppointmentAt: z.date().nullable(),
  })
  .meta({ id: 'DuplicateCandidate' });

const member = z.object({
  customerId: z.string().uuid(),
  number: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  appointmentCount: z.number().int(),
  customerSince: z.date(),
  lastAppointmentAt: z.date().nullable(),
});

const group = z
  .object({
    id: z.string().uuid(),
    probability: z.number().describe('The weakest link that holds the group together'),
    status: z.enum(['open', 'merged', 'dismissed', 'stale']),
    certain: z.boolean(),
    createdAt: z.date(),
    members: z.array(member),
    pairs: z.array(
      z.object({
        a: z.string().uuid(),
        b: z.string().uuid(),
        probability: z.number(),
        fields: z.array(reason),
      }),
    ),
  })
  .meta({ id: 'DuplicateGroup' });

const text = (max: number) => z.string().max(max).nullable().optional();
const checkBody = z
  .object({
    firstName: text(200),
    lastName: text(200),
    gender: z.enum(['female', 'male', 'diverse', 'child']).nullable().optional(),
    email: text(320),
    mobile: text(50),
    landline: text(50),
    phone2: text(50),
    birthDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable()
      .optional(),
    street: text(200),
    houseNumber: text(50),
    postalCode: text(20),
    city: text(100),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .nullable()
      .optional(),
    excludeId: z.string().uuid().optional().describe('A customer being edited, left out of the result'),
    limit: z.number().int().min(1).max(50).optional(),
  })
  .strict();

export function duplicatesRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/customers/:id/duplicates',
    {
      schema: {
        tags,
        summary: "A customer's likely duplicates, most likely first, with the reasons per field",
        description:
          'Candidates above the business\'s "possible" threshold, leaving out pairs marked "not a duplicate" while neither side changed its identity data. A merged-away id answers for the customer it was merged into.',
        params: z.object({ id: z.string() }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
        response: {
          200: z.object({ customerId: z.string().uuid(), candidates: z.array(candidate) }),
          404: errorBody,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const { row } = await resolveCustomer(deps.database.db, actor.tenantId, request.params.id);
      const candidates = await findDuplicateCandidates(
        deps.database.db,
        actor.tenantId,
        { customerId: row.id },
        { lang: request.language, limit: request.query.limit, now: deps.now() },
      );
      return { customerId: row.id, candidates };
    },
  );

  const pairParams = z.object({ id: z.string(), otherId: z.string() });

  app.post(
    '/api/customers/:id/duplicates/:otherId/dismiss',
    {
      schema: {
        tags,
        summary: 'Mark two customers as not duplicates of each other',
        description:
          'Holds until either customer changes its names, contact data, birth date or address. Audited.',
        params: pairParams,
        response: {
          200: z.object({ customerId: z.string().uuid(), otherId: z.string().uuid() }),
          400: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (request) =>
      dismissPair(
        deps.database,
        requireActor(request.actor),
        request.params.id,
        request.params.otherId,
        deps.now(),
      ),
  );

  app.delete(
    '/api/customers/:id/duplicates/:otherId/dismiss',
    {
      schema: {
        tags,
        summary: 'Take a "not a duplicate" decision back',
        params: pairParams,
        response: { 204: z.null(), 400: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      await restorePair(
        deps.database,
        requireActor(request.actor),
        request.params.id,
        request.params.otherId,
        deps.now(),
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/duplicates/check',
    {
      schema: {
        tags,
        summary: 'Existing customers that look like these values (before creating a customer)',
        description:
          'Nothing is stored. Phones may be written in any form; they are read in the given country or the business’s.',
        body: checkBody,
        response: { 200: z.object({ candidates: z.array(candidate) }), 400: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const { excludeId, limit, ...values } = request.body;
      const candidates = await findDuplicateCandidates(
        deps.database.db,
        actor.tenantId,
        {
          values: { ...values, country: values.country?.toUpperCase() ?? null },
          ...(excludeId ? { excludeId } : {}),
        },
        { lang: request.language, limit: limit ?? 10, now: deps.now() },
      );
      return { candidates };
    },
  );

  app.post(
    '/api/duplicates/scan',
    {
      schema: {
        tags,
        summary: 'Scan the whole file for duplicate groups (a background job)',
        description:
          'Answers the job to follow at GET /api/jobs/:id; when a scan is already queued or running, that one. The result replaces the open groups of the previous scan.',
        response: { 202: jobView },
      },
    },
    async (request, reply) => {
      const { job } = await startScan(deps.jobs, requireActor(request.actor));
      return reply.status(202).send(presentJob(job));
    },
  );

  app.get(
    '/api/duplicates/groups',
    {
      schema: {
        tags,
        summary: 'The review queue: duplicate groups of the last scan, most certain first',
        querystring: z.object({
          status: z.enum(['open', 'merged', 'dismissed', 'stale']).default('open'),
          minProbability: z.coerce.number().min(0).max(1).default(0),
          minSize: z.coerce.number().int().min(2).max(1000).default(2),
          maxSize: z.coerce.number().int().min(2).max(1000).optional(),
          ...paging,
        }),
        response: { 200: z.object({ total: z.number().int(), groups: z.array(group) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const q = request.query;
      return listDuplicateGroups(
        deps.database,
        actor.tenantId,
        {
          status: q.status,
          minProbability: q.minProbability,
          minSize: q.minSize,
          maxSize: q.maxSize ?? null,
          limit: Math.min(q.limit, 100),
          offset: q.offset,
        },
        request.language,
        deps.now(),
      );
    },
  );

  app.get(
    '/api/duplicates/groups/:id',
    {
      schema: {
        tags,
        summary: 'One duplicate group with its members and reasons',
        params: idParams,
        response: { 200: group, 404: errorBody },
      },
    },
    async (request) =>
      getDuplicateGroup(
        deps.database,
        requireActor(request.actor).tenantId,
        request.params.id,
        request.language,
        deps.now(),
      ),
  );

  app.post(
    '/api/duplicates/groups/:id/dismiss',
    {
      schema: {
        tags,
        summary: 'These are all different people: close the group and mark each of its pairs not a duplicate',
        params: idParams,
        response: { 200: group, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      await dismissGroup(deps.database, actor, request.params.id, deps.now());
      return getDuplicateGroup(
        deps.database,
        actor.tenantId,
        request.params.id,
        request.language,
        deps.now(),
      );
    },
  );
}
