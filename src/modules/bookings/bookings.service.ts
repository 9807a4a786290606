/**
 * The public booking page: what a business offers, and the online booking request a customer
 * sends. Staff confirm or decline requests in the app (bookings.staff.ts).
 *
 * Who a request belongs to, decided when it arrives:
 *  - a customer logged in with their online account: that customer ("account");
 *  - else exactly one existing customer that is certainly the same person — the same e-mail
 *    (first names not different), or the same phone with matching names, or a probability at or
 *    above the business's "certain" threshold, with no household rule against it (the rule of
 *    src/core/import/plan.ts): that customer ("certain"). What the customer typed stays on the
 *    request; the profile is never changed by it — staff choose what to take over;
 *  - otherwise a new customer with source "online" ("new"), and the possible duplicates found for
 *    it are kept on the request for staff to review.
 *
 * Abuse: a rate limit per address (kept in the database), a honeypot field bots fill in (answered
 * like a real request and dropped), strict validation, and the same answer whatever the outcome, so
 * the page never tells whether an e-mail address is known.
 */
import { randomUUID } from 'node:crypto';
import type { CustomerInput } from '../../core/customer/customer.ts';
import { EMPTY_VALUES, validateCustomer } from '../../core/customer/validate.ts';
import { certainReason } from '../../core/import/index.ts';
import type { PairResult } from '../../core/matching/index.ts';
import type { Database } from '../../db/connection.ts';
import { tenantBySlug } from '../accounts/accounts.service.ts';
import type { CustomerSession } from '../accounts/accounts.service.ts';
import { listForCustomer } from '../appointments/appointments.repository.ts';
import { LISTED_CANDIDATES, presentCandidate } from '../appointments/intake.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import {
  insertCustomer,
  resolveCustomer,
  validationContext,
  validationFailed,
} from '../customers/customers.service.ts';
import { findDuplicateCandidates } from '../duplicates/duplicates.service.ts';
import type { DuplicateCandidate } from '../duplicates/duplicates.service.ts';
import { AppError, invalid } from '../shared/errors.ts';
import { isLanguage } from '../shared/language.ts';
import type { Language } from '../shared/language.ts';
import { isLimited, recordEvent } from '../shared/rateLimit.ts';
import { readSettings } from '../tenants/settings.ts';
import * as repo from './bookings.repository.ts';
import './bookings.messages.ts';

/** Requests one address may send per window. */
export const BOOKING_RATE = { limit: 5, windowMs: 10 * 60_000 };
export const BOOKING_DAY_RATE = { limit: 20, windowMs: 86_400_000 };
/** How far ahead a customer may wish a time. */
export const MAX_DAYS_AHEAD = 365;
const HISTORY_SERVICES = 12;

export interface OfferedService {
  id: string | null;
  name: string;
  durationMinutes: number;
  priceCents: number;
}

/** The services on the page: the business's own list, else what it books most (last year). */
export async function offeredServices(
  database: Database,
  tenantId: string,
  now: Date,
): Promise<OfferedService[]> {
  const configured = await repo.listServices(database.db, tenantId, true);
  if (configured.length > 0) {
    return configured.map((s) => ({
      id: s.id,
      name: s.name,
      durationMinutes: s.durationMinutes,
      priceCents: s.priceCents,
    }));
  }
  const since = new Date(now.getTime() - 365 * 86_400_000);
  return (await repo.servicesFromHistory(database.db, tenantId, since, HISTORY_SERVICES)).map((s) => ({
    id: null,
    ...s,
  }));
}

export async function publicPage(database: Database, slug: string, now: Date) {
  const tenant = await tenantBySlug(database, slug);
  return {
    business: { name: tenant.name, slug: tenant.slug, language: tenant.language, country: tenant.country },
    services: await offeredServices(database, tenant.id, now),
  };
}

export interface BookingInput {
  service: string;
  wishedStart: Date;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  note?: string | null | undefined;
  language?: string | null | undefined;
  /** The honeypot: hidden from people, filled in by bots. */
  website?: string | null | undefined;
}

/** Whether a candidate found by the duplicate lookup is certainly the same person (see the file comment). */
export function isCertain(candidate: DuplicateCandidate, certainThreshold: number): boolean {
  const result: PairResult = {
    a: '',
    b: candidate.customerId,
    probability: candidate.probability,
    weight: 0,
    fields: candidate.fields.map((f) => ({
      field: f.field,
      level: f.level,
      weight: f.weight,
      messageKey: '',
      params: {},
    })),
  };
  return certainReason(result, certainThreshold) !== null;
}

const blank = (v: string | null | undefined) => v === undefined || v === null || v.trim() === '';

async function checkLimits(database: Database, address: string, now: Date): Promise<void> {
  const key = `booking:${address}`;
  const dayKey = `booking-day:${address}`;
  if (
    (await isLimited(database.db, key, BOOKING_RATE, now)) ||
    (await isLimited(database.db, dayKey, BOOKING_DAY_RATE, now))
  ) {
    throw new AppError(429, 'rate_limited');
  }
  await recordEvent(database.db, key, now);
  await recordEvent(database.db, dayKey, now);
}

/**
 * Receives a request from the booking page. Resolves to nothing: the page says "received" whatever
 * happened, so it reveals nothing about existing customers.
 */
export async function submitRequest(
  database: Database,
  slug: string,
  input: BookingInput,
  ctx: { address: string; session: CustomerSession | undefined; lang: Language; now: Date },
): Promise<void> {
  const tenant = await tenantBySlug(database, slug);
  const now = ctx.now;
  await checkLimits(database, ctx.address, now);
  if (!blank(input.website)) return;

  const services = await offeredServices(database, tenant.id, now);
  const service = services.find((s) => s.name.toLowerCase() === input.service.trim().toLowerCase());
  if (!service) throw invalid('service', 'booking.unknown_service');
  if (input.wishedStart.getTime() <= now.getTime()) throw invalid('wishedStart', 'booking.wished_in_past');
  if (input.wishedStart.getTime() > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) {
    throw invalid('wishedStart', 'booking.wished_too_far', { maximum: MAX_DAYS_AHEAD });
  }
  const language = isLanguage(input.language) ? input.language : ctx.lang;
  const typed = {
    firstName: input.firstName?.trim() || null,
    lastName: input.lastName?.trim() || null,
    email: input.email?.trim() || null,
    phone: input.phone?.trim() || null,
  };
  const note = input.note?.replaceAll(String.fromCharCode(0), '').trim() || null;

  await database.db.transaction(async (tx) => {
    let customerId: string;
    let link: 'account' | 'certain' | 'new';
    let candidates: ReturnType<typeof presentCandidate>[] = [];
    if (ctx.session) {
      const { row } = await resolveCustomer(tx, tenant.id, ctx.session.customerId);
      customerId = row.id;
      link = 'account';
      typed.firstName ??= row.firstName;
      typed.lastName ??= row.lastName;
      typed.email ??= row.email ?? ctx.session.loginEmail;
      typed.phone ??= row.mobile ?? row.landline ?? row.phone2;
    } else {
      if (typed.email === null && typed.phone === null) throw invalid('email', 'booking.contact_required');
      const vctx = await validationContext(tx, tenant.id, now);
      const customerInput: CustomerInput = {
        firstName: typed.firstName,
        lastName: typed.lastName,
        email: typed.email,
        mobile: typed.phone,
        language,
      };
      const checked = validateCustomer(customerInput, EMPTY_VALUES, vctx);
      if (!checked.ok)
        throw validationFailed(
          checked.errors.map((e) => (e.field === 'mobile' ? { ...e, field: 'phone' } : e)),
        );
      const found = await findDuplicateCandidates(
        tx,
        tenant.id,
        { values: checked.values },
        { lang: language, limit: 10, now },
      );
      const certainThreshold = readSettings(tenant.settings).duplicates.certainThreshold;
      const certain = found.filter((c) => isCertain(c, certainThreshold));
      if (certain.length === 1) {
        customerId = certain[0]!.customerId;
        link = 'certain';
      } else {
        const created = await insertCustomer(tx, tenant.id, customerInput, {
          source: 'online',
          actor: null,
          actorLabel: 'online booking',
          now,
          newsletterConsentSource: 'online',
        });
        customerId = created.id;
        link = 'new';
        candidates = found.slice(0, LISTED_CANDIDATES).map(presentCandidate);
      }
    }
    const request = await repo.insertRequest(tx, {
      tenantId: tenant.id,
      id: randomUUID(),
      customerId,
      service: service.name,
      serviceId: service.id,
      wishedStart: input.wishedStart,
      firstName: typed.firstName,
      lastName: typed.lastName,
      email: typed.email,
      phone: typed.phone,
      note,
      language,
      status: 'open',
      link,
      candidates,
      createdAt: now,
    });
    await writeAudit(tx, {
      tenantId: tenant.id,
      actorStaffId: null,
      actor: ctx.session ? 'customer' : 'online booking',
      action: 'booking.requested',
      entityType: 'booking_request',
      entityId: request.id,
      customerIds: [customerId],
      details: { link, service: service.name, candidates: candidates.length },
      at: now,
    });
  });
}

/** A logged-in customer's own page: profile, upcoming appointments, recent requests. */
export async function myBookings(database: Database, session: CustomerSession, now: Date) {
  const { row } = await resolveCustomer(database.db, session.tenantId, session.customerId);
  const since = new Date(now.getTime() - 90 * 86_400_000);
  const [appointments, requests] = await Promise.all([
    listForCustomer(database.db, session.tenantId, row.id, now),
    repo.requestsOfCustomer(database.db, session.tenantId, [row.id], since),
  ]);
  return { customer: row, appointments, requests };
}
