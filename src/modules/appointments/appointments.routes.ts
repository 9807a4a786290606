/** The agenda's API: a period's appointments, create (with a new customer if needed), move, cancel, complete, walk-ins. */
import { z } from 'zod';
import { nameOf } from '../../core/customer/customer.ts';
import { appointmentStatuses } from '../../db/schema.ts';
import { errorBody } from '../../server/errors.ts';
import type { App, Deps } from '../../server/types.ts';
import { customerFields } from '../customers/customers.schemas.ts';
import { requireActor } from '../shared/actor.ts';
import { notFound } from '../shared/errors.ts';
import { idParams } from '../shared/schemas.ts';
import * as repo from './appointments.repository.ts';
import type { AppointmentRow, DayEntry } from './appointments.repository.ts';
import * as service from './appointments.service.ts';

const timing = {
  startAt: z.coerce.date().describe('ISO 8601 date-time'),
  endAt: z.coerce.date().optional().describe('Defaults to start + durationMinutes'),
  durationMinutes: z.number().int().min(5).max(service.MAX_DURATION_MINUTES).optional(),
};
const details = {
  service: z.string().trim().min(1).max(100),
  staffMember: z.string().trim().max(100).nullable().optional(),
  priceCents: z.number().int().min(0).max(10_000_000).optional(),
};

export const appointmentView = z
  .object({
    id: z.string().uuid(),
    customerId: z.string().uuid(),
    startAt: z.date(),
    endAt: z.date(),
    service: z.string(),
    staffMember: z.string().nullable(),
    status: z.enum(appointmentStatuses),
    priceCents: z.number().int(),
    bookingRequestId: z.string().uuid().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Appointment' });

const agendaEntry = appointmentView
  .extend({
    customer: z.object({
      id: z.string().uuid(),
      number: z.number().int(),
      name: z.string(),
      mobile: z.string().nullable(),
      email: z.string().nullable(),
    }),
  })
  .meta({ id: 'AgendaEntry' });

const createdView = z.object({
  appointment: appointmentView,
  customer: z.object({
    id: z.string().uuid(),
    number: z.number().int(),
    name: z.string(),
    created: z.boolean(),
  }),
});

export function presentAppointment(a: AppointmentRow) {
  return {
    id: a.id,
    customerId: a.customerId,
    startAt: a.startAt,
    endAt: a.endAt,
    service: a.service,
    staffMember: a.staffMember,
    status: a.status,
    priceCents: a.priceCents,
    bookingRequestId: a.bookingRequestId,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

function presentEntry(e: DayEntry) {
  return {
    ...presentAppointment(e),
    customer: {
      id: e.customerId,
      number: e.customerNumber,
      name: nameOf(e),
      mobile: e.mobile,
      email: e.email,
    },
  };
}

function presentCreated(c: service.Created) {
  return {
    appointment: presentAppointment(c.appointment),
    customer: {
      id: c.customer.id,
      number: c.customer.number,
      name: nameOf(c.customer),
      created: c.customerCreated,
    },
  };
}

const duplicatesNote =
  'When the new customer looks like existing ones the answer is 409 `possible_duplicates` with them in `details.candidates` (as for POST /api/customers): book one of them with `customerId`, or send `allowDuplicate: true`.';

export function appointmentsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/appointments',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Appointments starting in a period (the day view), with their customer',
        description:
          'The app asks for one local day: `from` is its midnight and `to` the next, as ISO date-times. At most 42 days at once.',
        querystring: z.object({ from: z.coerce.date(), to: z.coerce.date() }),
        response: { 200: z.array(agendaEntry), 400: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const list = await service.dayView(deps.database, actor.tenantId, request.query.from, request.query.to);
      return list.map(presentEntry);
    },
  );

  app.get(
    '/api/appointments/:id',
    {
      schema: {
        tags: ['agenda'],
        summary: 'One appointment with its customer',
        params: idParams,
        response: { 200: agendaEntry, 404: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const entry = await repo.findWithCustomer(deps.database.db, actor.tenantId, request.params.id);
      if (!entry) throw notFound('appointment');
      return presentEntry(entry);
    },
  );

  app.post(
    '/api/appointments',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Book an appointment for an existing customer (`customerId`) or a new one (`customer`)',
        description: `A new customer gets source "agenda" and is created in the same transaction as the appointment. ${duplicatesNote}`,
        body: z
          .object({
            customerId: z.string().optional(),
            customer: z.object(customerFields).strict().optional(),
            allowDuplicate: z.boolean().optional(),
            ...timing,
            ...details,
          })
          .strict(),
        response: { 201: createdView, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const created = await service.createAppointment(deps.database, actor, request.body, {
        lang: request.language,
        now: deps.now(),
      });
      return reply.status(201).send(presentCreated(created));
    },
  );

  app.post(
    '/api/walk-ins',
    {
      schema: {
        tags: ['agenda'],
        summary: 'A walk-in: a name and perhaps a phone or e-mail, booked from now',
        description: `Creates the customer (source "walk_in") and an appointment starting now. ${duplicatesNote}`,
        body: z
          .object({
            name: z.string().trim().min(1).max(200),
            phone: z.string().trim().max(40).nullable().optional(),
            email: z.string().trim().max(254).nullable().optional(),
            customerId: z
              .string()
              .optional()
              .describe('Book this existing customer instead (picked from the warning)'),
            allowDuplicate: z.boolean().optional(),
            service: z.string().trim().min(1).max(100).optional(),
            durationMinutes: z.number().int().min(5).max(service.MAX_DURATION_MINUTES).optional(),
            staffMember: z.string().trim().max(100).nullable().optional(),
          })
          .strict(),
        response: { 201: createdView, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const created = await service.walkIn(deps.database, actor, request.body, {
        lang: request.language,
        now: deps.now(),
      });
      return reply.status(201).send(presentCreated(created));
    },
  );

  app.patch(
    '/api/appointments/:id',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Move or edit a booked appointment',
        description:
          'A new start without an end or duration keeps the length. Cancelled and completed appointments answer 409.',
        params: idParams,
        body: z
          .object({
            startAt: timing.startAt.optional(),
            endAt: timing.endAt,
            durationMinutes: timing.durationMinutes,
            service: details.service.optional(),
            staffMember: details.staffMember,
            priceCents: details.priceCents,
          })
          .strict(),
        response: { 200: appointmentView, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      return presentAppointment(
        await service.moveAppointment(deps.database, actor, request.params.id, request.body, deps.now()),
      );
    },
  );

  app.post(
    '/api/appointments/:id/cancel',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Cancel a booked appointment',
        params: idParams,
        response: { 200: appointmentView, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      return presentAppointment(
        await service.cancelAppointment(deps.database, actor, request.params.id, deps.now()),
      );
    },
  );

  app.post(
    '/api/appointments/:id/complete',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Mark a booked appointment as completed',
        params: idParams,
        response: { 200: appointmentView, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      return presentAppointment(
        await service.completeAppointment(deps.database, actor, request.params.id, deps.now()),
      );
    },
  );
}
