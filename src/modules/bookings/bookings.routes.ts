/**
 * The public booking page's API (no staff login: `/api/book/:slug/…`) and the staff handling of
 * online booking requests and of the services the page offers.
 */
import { z } from 'zod';
import { nameOf } from '../../core/customer/customer.ts';
import { errorBody } from '../../server/errors.ts';
import type { App, Deps } from '../../server/types.ts';
import { customerSessionOf, slugParams } from '../accounts/accounts.routes.ts';
import { tenantBySlug } from '../accounts/accounts.service.ts';
import { appointmentView, presentAppointment } from '../appointments/appointments.routes.ts';
import { requireActor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { idParams } from '../shared/schemas.ts';
import { createService, updateService } from './bookings.catalogue.ts';
import * as repo from './bookings.repository.ts';
import type { BookingRequestRow, BookingServiceRow } from './bookings.repository.ts';
import * as service from './bookings.service.ts';
import * as staff from './bookings.staff.ts';
import { TAKE_OVER_FIELDS } from './differences.ts';

const offeredService = z.object({
  id: z.string().uuid().nullable(),
  name: z.string(),
  durationMinutes: z.number().int(),
  priceCents: z.number().int(),
});

const serviceView = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    durationMinutes: z.number().int(),
    priceCents: z.number().int(),
    position: z.number().int(),
    active: z.boolean(),
  })
  .meta({ id: 'BookingService' });

const typedView = z.object({
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});

const requestSummary = z
  .object({
    id: z.string().uuid(),
    status: z.enum(['open', 'confirmed', 'declined']),
    link: z.enum(['certain', 'new', 'account', 'staff']).describe('How the request found its customer'),
    createdAt: z.date(),
    service: z.string(),
    wishedStart: z.date(),
    typed: typedView.describe('What the customer typed on the booking page'),
    note: z.string().nullable(),
    customer: z
      .object({ id: z.string().uuid(), number: z.number().int().nullable(), name: z.string() })
      .nullable(),
    candidateCount: z.number().int().describe('Possible duplicates found when the request arrived'),
  })
  .meta({ id: 'BookingRequestSummary' });

const candidateView = z.object({
  id: z.string().uuid(),
  number: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  probability: z.number(),
  certain: z.boolean(),
  reasons: z.array(z.string()),
});

const requestDetail = z
  .object({
    id: z.string().uuid(),
    status: z.enum(['open', 'confirmed', 'declined']),
    link: z.enum(['certain', 'new', 'account', 'staff']),
    createdAt: z.date(),
    decidedAt: z.date().nullable(),
    service: z.string(),
    wishedStart: z.date(),
    typed: typedView,
    note: z.string().nullable(),
    language: z.string().nullable(),
    declineReason: z.string().nullable(),
    takenOver: z.record(z.string(), z.unknown()),
    candidates: z
      .array(candidateView)
      .describe('Possible duplicates of the customer, found when the request arrived'),
    customer: z
      .object({
        id: z.string().uuid(),
        number: z.number().int(),
        name: z.string(),
        version: z.number().int(),
        firstName: z.string().nullable(),
        lastName: z.string().nullable(),
        email: z.string().nullable(),
        mobile: z.string().nullable(),
        landline: z.string().nullable(),
        source: z.string(),
        createdAt: z.date(),
        archivedAt: z.date().nullable(),
      })
      .nullable(),
    differences: z
      .array(z.object({ field: z.enum(TAKE_OVER_FIELDS), typed: z.string(), profile: z.string().nullable() }))
      .describe('Typed values that differ from the profile; staff choose which to take over'),
    appointment: appointmentView.nullable(),
  })
  .meta({ id: 'BookingRequest' });

const typedOf = (r: BookingRequestRow) => ({
  firstName: r.firstName,
  lastName: r.lastName,
  email: r.email,
  phone: r.phone,
});

function presentSummary(r: repo.ListedRequest) {
  return {
    id: r.id,
    status: r.status,
    link: r.link,
    createdAt: r.createdAt,
    service: r.service,
    wishedStart: r.wishedStart,
    typed: typedOf(r),
    note: r.note,
    customer: r.customerId
      ? {
          id: r.customerId,
          number: r.customerNumber,
          name: nameOf({
            displayName: r.customerDisplayName,
            firstName: r.customerFirstName,
            lastName: r.customerLastName,
          }),
        }
      : null,
    candidateCount: r.candidates.length,
  };
}

function presentDetail(d: staff.RequestDetail) {
  const r = d.request;
  const c = d.customer;
  return {
    id: r.id,
    status: r.status,
    link: r.link,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    service: r.service,
    wishedStart: r.wishedStart,
    typed: typedOf(r),
    note: r.note,
    language: r.language,
    declineReason: r.declineReason,
    takenOver: r.takenOver,
    candidates: r.candidates as z.infer<typeof candidateView>[],
    customer: c
      ? {
          id: c.id,
          number: c.number,
          name: nameOf(c),
          version: c.version,
          firstName: c.firstName,
          lastName: c.lastName,
          email: c.email,
          mobile: c.mobile,
          landline: c.landline,
          source: c.source,
          createdAt: c.createdAt,
          archivedAt: c.archivedAt,
        }
      : null,
    differences: d.differences,
    appointment: d.appointment ? presentAppointment(d.appointment) : null,
  };
}

const presentService = (s: BookingServiceRow) => ({
  id: s.id,
  name: s.name,
  durationMinutes: s.durationMinutes,
  priceCents: s.priceCents,
  position: s.position,
  active: s.active,
});

export function bookingsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/book/:slug',
    {
      config: { access: 'public' },
      schema: {
        tags: ['booking page'],
        summary: 'A business’s booking page: its name and the services it offers',
        params: slugParams,
        response: {
          200: z.object({
            business: z.object({
              name: z.string(),
              slug: z.string(),
              language: z.string(),
              country: z.string(),
            }),
            services: z.array(offeredService),
          }),
          404: errorBody,
        },
      },
    },
    async (request) => service.publicPage(deps.database, request.params.slug, deps.now()),
  );

  app.post(
    '/api/book/:slug/requests',
    {
      config: { access: 'public' },
      schema: {
        tags: ['booking page'],
        summary: 'Send an online booking request',
        description:
          'Anyone may send one; staff confirm or decline it. The answer is 202 whatever happened (a new customer, a link to an existing one), so it tells nothing about who is a customer. A customer logged in on the page (cookie `clienteel_customer` and its `x-csrf-token`) books as themselves. `website` must stay empty (a field hidden from people). At most 5 requests per address in 10 minutes (20 a day): 429.',
        params: slugParams,
        body: z
          .object({
            service: z.string().trim().min(1).max(100),
            wishedStart: z.coerce.date().describe('ISO 8601 date-time'),
            firstName: z.string().max(100).nullable().optional(),
            lastName: z.string().max(100).nullable().optional(),
            email: z.string().max(254).nullable().optional(),
            phone: z.string().max(40).nullable().optional(),
            note: z.string().max(1000).nullable().optional(),
            language: z.enum(['nl', 'fr', 'de', 'en']).nullable().optional(),
            website: z.string().max(500).nullable().optional().describe('Leave empty'),
          })
          .strict(),
        response: {
          202: z.object({ status: z.literal('received') }),
          400: errorBody,
          404: errorBody,
          429: errorBody,
        },
      },
    },
    async (request, reply) => {
      const tenant = await tenantBySlug(deps.database, request.params.slug);
      const session = await customerSessionOf(deps, request, tenant.id, { csrf: true });
      await service.submitRequest(deps.database, request.params.slug, request.body, {
        address: request.ip,
        session,
        lang: request.language,
        now: deps.now(),
      });
      return reply.status(202).send({ status: 'received' as const });
    },
  );

  app.get(
    '/api/book/:slug/me',
    {
      config: { access: 'public' },
      schema: {
        tags: ['booking page'],
        summary: 'The logged-in customer’s own appointments and requests',
        params: slugParams,
        response: {
          200: z.object({
            customer: z.object({
              name: z.string(),
              firstName: z.string().nullable(),
              lastName: z.string().nullable(),
              email: z.string().nullable(),
              mobile: z.string().nullable(),
            }),
            appointments: z.array(
              z.object({
                id: z.string().uuid(),
                startAt: z.date(),
                endAt: z.date(),
                service: z.string(),
                status: z.string(),
              }),
            ),
            requests: z.array(
              z.object({
                id: z.string().uuid(),
                service: z.string(),
                wishedStart: z.date(),
                status: z.enum(['open', 'confirmed', 'declined']),
                createdAt: z.date(),
              }),
            ),
          }),
          401: errorBody,
          404: errorBody,
        },
      },
    },
    async (request) => {
      const tenant = await tenantBySlug(deps.database, request.params.slug);
      const session = await customerSessionOf(deps, request, tenant.id, { csrf: false });
      if (!session) throw new AppError(401, 'account.not_logged_in');
      const mine = await service.myBookings(deps.database, session, deps.now());
      const c = mine.customer;
      return {
        customer: {
          name: nameOf(c),
          firstName: c.firstName,
          lastName: c.lastName,
          email: c.email,
          mobile: c.mobile,
        },
        appointments: mine.appointments.map((a) => ({
          id: a.id,
          startAt: a.startAt,
          endAt: a.endAt,
          service: a.service,
          status: a.status,
        })),
        requests: mine.requests.map((r) => ({
          id: r.id,
          service: r.service,
          wishedStart: r.wishedStart,
          status: r.status,
          createdAt: r.createdAt,
        })),
      };
    },
  );

  app.get(
    '/api/booking-requests',
    {
      schema: {
        tags: ['bookings'],
        summary: 'Online booking requests (open ones by default, soonest wish first)',
        querystring: z.object({
          status: z.enum(['open', 'confirmed', 'declined', 'all']).default('open'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ total: z.number().int(), items: z.array(requestSummary) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const list = await repo.listRequests(deps.database.db, actor.tenantId, request.query);
      return { total: list.total, items: list.rows.map(presentSummary) };
    },
  );

  app.get(
    '/api/booking-requests/:id',
    {
      schema: {
        tags: ['bookings'],
        summary: 'A booking request with its customer, the differences between them, and possible duplicates',
        params: idParams,
        response: { 200: requestDetail, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      return presentDetail(await staff.requestDetail(deps.database, actor.tenantId, request.params.id));
    },
  );

  app.post(
    '/api/booking-requests/:id/confirm',
    {
      schema: {
        tags: ['bookings'],
        summary: 'Confirm: book the appointment and take over the typed values staff chose',
        description:
          'Books the wished time (or `startAt`) for the request’s customer. Only the fields in `takeOver` are written to the profile, and only when `version` is the profile version staff saw (409 version_conflict otherwise). Nothing else of what the customer typed changes the profile.',
        params: idParams,
        body: z
          .object({
            takeOver: z.array(z.enum(TAKE_OVER_FIELDS)).max(4).optional(),
            version: z.number().int().min(1).optional(),
            startAt: z.coerce.date().optional(),
            durationMinutes: z.number().int().min(5).max(720).optional(),
            staffMember: z.string().trim().max(100).nullable().optional(),
          })
          .strict(),
        response: { 200: requestDetail, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      return presentDetail(
        await staff.confirmRequest(
          deps.database,
          deps.mailer,
          actor,
          request.params.id,
          request.body,
          deps.now(),
        ),
      );
    },
  );

  app.post(
    '/api/booking-requests/:id/decline',
    {
      schema: {
        tags: ['bookings'],
        summary: 'Decline a booking request',
        params: idParams,
        body: z
          .object({ reason: z.string().trim().max(500).nullable().optional() })
          .strict()
          .optional(),
        response: { 200: requestDetail, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      return presentDetail(
        await staff.declineRequest(
          deps.database,
          deps.mailer,
          actor,
          request.params.id,
          request.body?.reason ?? null,
          deps.now(),
        ),
      );
    },
  );

  app.get(
    '/api/booking-services',
    {
      schema: {
        tags: ['bookings'],
        summary: 'The services of the booking page (inactive ones included)',
        response: { 200: z.array(serviceView) },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      return (await repo.listServices(deps.database.db, actor.tenantId, false)).map(presentService);
    },
  );

  const serviceBody = {
    name: z.string().trim().min(1).max(100),
    durationMinutes: z.number().int().min(5).max(720),
    priceCents: z.number().int().min(0).max(10_000_000).optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    active: z.boolean().optional(),
  };

  app.post(
    '/api/booking-services',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['bookings'],
        summary: 'Offer a service on the booking page (owners)',
        body: z.object(serviceBody).strict(),
        response: { 201: serviceView, 400: errorBody, 403: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      return reply
        .status(201)
        .send(presentService(await createService(deps.database, actor, request.body, deps.now())));
    },
  );

  app.patch(
    '/api/booking-services/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['bookings'],
        summary: 'Change or withdraw a service (owners)',
        params: idParams,
        body: z
          .object({
            name: serviceBody.name.optional(),
            durationMinutes: serviceBody.durationMinutes.optional(),
            priceCents: serviceBody.priceCents,
            position: serviceBody.position,
            active: serviceBody.active,
          })
          .strict(),
        response: { 200: serviceView, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      return presentService(
        await updateService(deps.database, actor, request.params.id, request.body, deps.now()),
      );
    },
  );
}
