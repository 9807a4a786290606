/** Response schemas of the profile's summaries and of the removal preview. */
import { z } from 'zod';

const appointment = z.object({
  id: z.string().uuid(),
  startAt: z.date(),
  endAt: z.date(),
  service: z.string(),
  staffMember: z.string().nullable(),
  status: z.enum(['booked', 'completed', 'cancelled', 'no_show']),
  priceCents: z.number().int(),
});

const bookingRequest = z.object({
  id: z.string().uuid(),
  service: z.string(),
  wishedStart: z.date(),
  status: z.enum(['open', 'confirmed', 'declined']),
  createdAt: z.date(),
  note: z.string().nullable(),
});

const invoice = z.object({
  id: z.string().uuid(),
  number: z.string(),
  issuedOn: z.string(),
  totalCents: z.number().int(),
  paid: z.boolean(),
});

export const summaryView = z
  .object({
    customerId: z.string().uuid(),
    appointments: z.object({
      total: z.number().int().describe('Appointments that took or will take place (not cancelled)'),
      past: z.number().int(),
      upcoming: z.number().int(),
      lastAt: z.date().nullable(),
      nextAt: z.date().nullable(),
      upcomingItems: z.array(appointment).describe('The next 20'),
      pastItems: z.array(appointment).describe('The last 20'),
    }),
    bookingRequests: z.array(bookingRequest).describe('The last 20 online booking requests'),
    invoices: z.object({
      count: z.number().int(),
      totalCents: z.number().int(),
      paidCents: z.number().int(),
      openCents: z.number().int(),
      items: z.array(invoice).describe('The last 20'),
    }),
    subscriptions: z.array(
      z.object({
        id: z.string().uuid(),
        name: z.string(),
        kind: z.enum(['package', 'membership']),
        totalSessions: z.number().int().nullable(),
        remainingSessions: z.number().int().nullable(),
        validFrom: z.string().nullable(),
        validUntil: z.string().nullable(),
      }),
    ),
    loyaltyBalance: z.number().int(),
    sidebar: z.object({
      createdAt: z.date(),
      customerSince: z.date(),
      appointmentCount: z.number().int(),
      lastAppointmentAt: z.date().nullable(),
      nextAppointmentAt: z.date().nullable(),
      firstNotes: z.array(z.object({ id: z.string().uuid(), text: z.string() })),
    }),
  })
  .meta({ id: 'CustomerSummary' });

export const removalPreview = z
  .object({
    customerId: z.string().uuid(),
    number: z.number().int(),
    allowed: z.boolean(),
    open: z.object({
      futureAppointments: z.array(appointment),
      openBookingRequests: z.array(bookingRequest),
      unpaidInvoices: z.array(invoice),
    }),
    removes: z.object({
      notes: z.number().int(),
      contactPoints: z.number().int(),
      messages: z.number().int(),
      onlineAccounts: z.number().int(),
      mergedRecords: z.number().int(),
    }),
    keeps: z.object({
      appointments: z.number().int(),
      invoices: z.number().int(),
      subscriptions: z.number().int(),
      loyaltyEntries: z.number().int(),
    }),
  })
  .meta({ id: 'CustomerRemovalPreview' });
