/**
 * The history that hangs on each customer: appointments, invoices, loyalty points, notes,
 * subscriptions, online booking requests and online accounts. Each customer's history comes from
 * its own seeded generator (seed + customer number), so it can be made one customer at a time, in
 * any order, for a million customers without holding them.
 */
import { Rng, hashSeed } from './random.ts';
import { HISTORY_TEXT, SERVICES, STAFF_MEMBERS } from './services.ts';
import type { Service } from './services.ts';
import { DEFAULT_NOW } from './customers.ts';
import { emptyHistory } from './types.ts';
import type { AppointmentStatus, GenCustomer, GenHistory } from './types.ts';

export interface HistoryOptions {
  seed: number;
  now?: Date;
}

const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Moves a time to an opening slot: Tuesday to Saturday, on the quarter hour between 08:00 and 17:00 UTC. */
function openingSlot(ms: number, rng: Rng): number {
  let day = Math.floor(ms / DAY_MS);
  while ([0, 1].includes(new Date(day * DAY_MS).getUTCDay())) day++;
  return day * DAY_MS + (8 * 60 + rng.int(0, 35) * 15) * 60_000;
}

function servicesFor(customer: GenCustomer): readonly Service[] {
  const all = SERVICES[customer.language];
  const who = customer.gender === 'male' ? 'male' : customer.gender === 'child' ? 'child' : 'female';
  return all.filter((s) => s.for === who || (s.for === 'any' && who !== 'child'));
}

/**
 * How often a customer comes: copies made by a duplicate usually carry one or two bookings; other
 * customers are one-timers, occasional visitors or regulars who come every 5–10 weeks until they stop.
 */
function visitTimes(customer: GenCustomer, nowMs: number, rng: Rng): number[] {
  const start = Date.parse(customer.createdAt);
  const first = start + rng.int(0, 10) * DAY_MS;
  const times: number[] = [];
  const r = rng.next();
  let count: number;
  let gapDays: number;
  if (customer.kind === 'duplicate') {
    count = Number(rng.weighted({ 0: 15, 1: 50, 2: 25, 3: 10 }));
    gapDays = rng.int(3, 60);
  } else if (r < 0.3) {
    count = 1;
    gapDays = 0;
  } else if (r < 0.6) {
    count = rng.int(2, 6);
    gapDays = rng.int(60, 200);
  } else {
    gapDays = rng.int(35, 70);
    const activeDays = -Math.log(1 - rng.next()) * 900; // mean 2.5 years with the salon
    count = Math.max(2, Math.floor(activeDays / gapDays));
  }
  let t = first;
  for (let i = 0; i < count && t < nowMs + 42 * DAY_MS; i++) {
    times.push(t);
    t += Math.max(1, gapDays + rng.int(-7, 7)) * DAY_MS; // never back before the previous visit
  }
  return times;
}

export function historyForCustomer(customer: GenCustomer, opts: HistoryOptions): GenHistory {
  const rng = new Rng(hashSeed(opts.seed, 0x4853, customer.number));
  const nowMs = (opts.now ?? DEFAULT_NOW).getTime();
  const h = emptyHistory();
  const id = customer.id;
  const text = HISTORY_TEXT[customer.language];
  const services = servicesFor(customer);
  const regular = services[0] as Service;
  const loyal = rng.chance(0.45);
  const invoiced = customer.vatNumber !== null ? 1 : 0.2;
  let points = 0;
  let invoiceSeq = 0;
  if (loyal) {
    h.loyalty.push({ customerId: id, at: customer.createdAt, points: 20, reason: text.welcome });
    points = 20;
  }

  let bookedAhead = false;
  const times = visitTimes(customer, nowMs, rng);
  for (let i = 0; i < times.length; i++) {
    const startMs = openingSlot(times[i] ?? 0, rng);
    const future = startMs > nowMs;
    if (future && bookedAhead) break;
    bookedAhead ||= future;
    const service = rng.chance(0.6) ? regular : rng.pick(services);
    const r = rng.next();
    const status: AppointmentStatus = future
      ? 'booked'
      : r < 0.9
        ? 'completed'
        : r < 0.96
          ? 'cancelled'
          : 'no_show';
    const start = iso(startMs);
    h.appointments.push({
      customerId: id,
      start,
      end: iso(startMs + service.minutes * 60_000),
      service: service.name,
      staffMember: rng.pick(STAFF_MEMBERS),
      status,
      priceCents: service.priceCents,
    });
    if (customer.source === 'online' && (i === 0 || rng.chance(0.5))) {
      const createdMs = Math.max(Date.parse(customer.createdAt), startMs - rng.int(1, 14) * DAY_MS);
      h.bookingRequests.push({
        customerId: id,
        service: service.name,
        wishedStart: start,
        firstName: customer.firstName,
        lastName: customer.lastName,
        email: customer.email,
        phone: customer.mobile,
        status: future ? 'open' : status === 'cancelled' && rng.chance(0.5) ? 'declined' : 'confirmed',
        link: i === 0 ? 'new' : rng.chance(0.5) ? 'account' : 'certain',
        createdAt: iso(Math.min(createdMs, startMs)),
      });
    }
    if (status !== 'completed') continue;
    if (rng.chance(invoiced)) {
      h.invoices.push({
        customerId: id,
        number: `F${start.slice(0, 4)}-${customer.number}-${++invoiceSeq}`,
        date: isoDate(startMs),
        totalCents: service.priceCents,
        paid: nowMs - startMs > 30 * DAY_MS || rng.chance(0.5),
      });
    }
    if (loyal) {
      const earned = Math.floor(service.priceCents / 100);
      h.loyalty.push({
        customerId: id,
        at: iso(startMs + service.minutes * 60_000),
        points: earned,
        reason: text.visit,
      });
      points += earned;
      if (points >= 200 && rng.chance(0.5)) {
        h.loyalty.push({ customerId: id, at: iso(startMs + 60_000), points: -200, reason: text.redeem });
        points -= 200;
      }
    }
  }

  const createdMs = Date.parse(customer.createdAt);
  if (customer.kind !== 'duplicate' && rng.chance(0.12)) {
    const count = rng.int(1, 3);
    for (let position = 1; position <= count; position++) {
      h.notes.push({
        customerId: id,
        position,
        body: rng.pick(text.notes),
        createdAt: iso(createdMs + Math.floor(rng.next() * (nowMs - createdMs))),
      });
    }
  }
  if (customer.kind !== 'duplicate' && rng.chance(0.05)) {
    const fromMs = createdMs + Math.floor(rng.next() * (nowMs - createdMs));
    const membership = rng.chance(0.2);
    const total = membership ? null : 10;
    h.subscriptions.push({
      customerId: id,
      name: membership ? text.membership : text.package,
      kind: membership ? 'membership' : 'package',
      totalSessions: total,
      remainingSessions: total === null ? null : rng.int(0, total),
      validFrom: isoDate(fromMs),
      validUntil: isoDate(fromMs + 365 * DAY_MS),
    });
  }
  if (customer.email !== null) {
    if (customer.source === 'online' && rng.chance(0.8)) {
      h.onlineAccounts.push({ customerId: id, loginEmail: customer.email, state: 'active' });
    } else if (customer.source !== 'online' && rng.chance(0.08)) {
      h.onlineAccounts.push({ customerId: id, loginEmail: customer.email, state: 'invited' });
    }
  }
  return h;
}

/** History customer by customer, streaming: pair each customer with its own history. */
export function* generateHistory(
  customers: Iterable<GenCustomer>,
  opts: HistoryOptions,
): Generator<{ customer: GenCustomer; history: GenHistory }> {
  for (const customer of customers) yield { customer, history: historyForCustomer(customer, opts) };
}

/** All history of a (small) file in one GenHistory, for tests and the demo salon. */
export function collectHistory(customers: Iterable<GenCustomer>, opts: HistoryOptions): GenHistory {
  const all = emptyHistory();
  for (const { history } of generateHistory(customers, opts)) appendHistory(all, history);
  return all;
}

export function appendHistory(into: GenHistory, from: GenHistory): void {
  into.appointments.push(...from.appointments);
  into.invoices.push(...from.invoices);
  into.loyalty.push(...from.loyalty);
  into.notes.push(...from.notes);
  into.subscriptions.push(...from.subscriptions);
  into.bookingRequests.push(...from.bookingRequests);
  into.onlineAccounts.push(...from.onlineAccounts);
}
