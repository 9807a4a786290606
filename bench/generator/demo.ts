/**
 * The demo salon: a Flemish hair salon with about 2,000 customers, realistic duplicates, and the
 * case from the brief placed exactly — "Stephanie Wahters" (staff, three visits) and
 * "stefanie wachters" (online, new e-mail, two visits), one person on mobile 0475 888 888.
 */
import { generateWithFixed } from './customers.ts';
import type { FixedRecord } from './customers.ts';
import { appendHistory, historyForCustomer } from './history.ts';
import type { Draft } from './render.ts';
import { emptyHistory } from './types.ts';
import type { GenCustomer, GenHistory } from './types.ts';

export const DEMO_TENANT = { name: 'Kapsalon Lotus', slug: 'demo', country: 'BE', language: 'nl' } as const;
export const DEMO_SIZE = 2000;
export const DEMO_SINCE = new Date('2015-01-01T00:00:00Z');
export const DEMO_NOW = new Date('2026-11-01T00:00:00Z');
const SEED_DAY = new Date('2022-03-24T00:00:00Z');

/** The brief's duplicate pair in the default demo salon (2,000 customers, seed 1). */
export const SEED_CASE = {
  entityId: 'e_seed_wachters',
  stephanie: { id: 'g001222', number: 1222 },
  stefanie: { id: 'g001223', number: 1223 },
} as const;

/**
 * The slots whose creation time falls on 24 March 2022, so customer numbers stay in creation order
 * around the seed case.
 */
export function seedCaseSlots(n: number, since = DEMO_SINCE, now = DEMO_NOW): [number, number] {
  const day = 86_400_000;
  const days = Math.floor(now.getTime() / day) - Math.floor(since.getTime() / day);
  const seedDay = Math.floor((SEED_DAY.getTime() - since.getTime()) / day);
  const slot = Math.floor((seedDay * n) / days);
  return [slot, slot + 1];
}

const base = {
  entityId: SEED_CASE.entityId,
  gender: 'female',
  landline: null,
  phone2: null,
  country: 'BE',
  language: 'nl',
  vatNumber: null,
  statusLabel: null,
  notes: null,
  kind: 'original',
} as const satisfies Partial<Draft>;

const STEPHANIE: FixedRecord = {
  draft: {
    ...base,
    firstName: 'Stephanie',
    lastName: 'Wahters',
    displayName: 'Stephanie Wahters',
    email: 'stephaniewachters@telenet.be',
    mobile: '0475 888 888',
    birthDate: '1988-06-14',
    street: 'Bruul',
    houseNumber: '42',
    postalCode: '2800',
    city: 'Mechelen',
    newsletterConsent: true,
    source: 'staff',
  },
  createdAt: '2022-03-24T09:05:00.000Z',
  newsletterConsentAt: '2022-03-24T09:05:00.000Z',
};

const STEFANIE: FixedRecord = {
  draft: {
    ...base,
    firstName: 'stefanie',
    lastName: 'wachters',
    displayName: 'stefanie wachters',
    email: 'stefaniew@hotmail.com',
    mobile: '0475 888 888',
    birthDate: null,
    street: null,
    houseNumber: null,
    postalCode: null,
    city: null,
    newsletterConsent: false,
    source: 'online',
    kind: 'duplicate',
    variant: 'online_new_email',
  },
  createdAt: '2022-03-24T21:40:00.000Z',
  newsletterConsentAt: '2022-03-24T21:40:00.000Z',
};

function appointment(
  customerId: string,
  start: string,
  minutes: number,
  service: string,
  staffMember: string,
  euros: number,
) {
  const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
  return {
    customerId,
    start,
    end,
    service,
    staffMember,
    status: 'completed' as const,
    priceCents: euros * 100,
  };
}

/** The seed case's history: five past appointments over two profiles, points on both, one login. */
function seedCaseHistory(stephanie: GenCustomer, stefanie: GenCustomer): GenHistory {
  const h = emptyHistory();
  const a = stephanie.id;
  const b = stefanie.id;
  h.appointments.push(
    appointment(a, '2022-03-24T09:30:00.000Z', 60, 'Wassen, knippen en brushen', 'Lisa', 52),
    appointment(a, '2022-05-12T14:00:00.000Z', 90, 'Kleuren', 'Lisa', 65),
    appointment(a, '2022-07-07T10:00:00.000Z', 45, 'Knippen dames', 'Sofie', 39),
    appointment(b, '2022-03-26T10:00:00.000Z', 30, 'Brushing', 'Jana', 28),
    appointment(b, '2022-03-28T15:30:00.000Z', 60, 'Wassen, knippen en brushen', 'Lisa', 52),
  );
  h.invoices.push({ customerId: a, number: 'F2022-0412', date: '2022-05-12', totalCents: 6500, paid: true });
  h.loyalty.push(
    { customerId: a, at: '2022-03-24T10:30:00.000Z', points: 52, reason: 'Bezoek' },
    { customerId: a, at: '2022-05-12T15:30:00.000Z', points: 65, reason: 'Bezoek' },
    { customerId: a, at: '2022-07-07T10:45:00.000Z', points: 39, reason: 'Bezoek' },
    { customerId: b, at: '2022-03-24T21:40:00.000Z', points: 20, reason: 'Welkomstbonus' },
  );
  h.notes.push({
    customerId: a,
    position: 1,
    body: 'Kleuring 6.0 + 20 vol, 35 min',
    createdAt: '2022-05-12T15:30:00.000Z',
  });
  for (const [start, service] of [
    ['2022-03-26T10:00:00.000Z', 'Brushing'],
    ['2022-03-28T15:30:00.000Z', 'Wassen, knippen en brushen'],
  ] as const) {
    h.bookingRequests.push({
      customerId: b,
      service,
      wishedStart: start,
      firstName: stefanie.firstName,
      lastName: stefanie.lastName,
      email: stefanie.email,
      phone: stefanie.mobile,
      status: 'confirmed',
      link: start.startsWith('2022-03-26') ? 'new' : 'account',
      createdAt: stefanie.createdAt,
    });
  }
  h.onlineAccounts.push({ customerId: b, loginEmail: 'stefaniew@hotmail.com', state: 'active' });
  return h;
}

export interface DemoOptions {
  seed?: number;
  n?: number;
  history?: boolean;
}

export interface DemoSalon {
  tenant: typeof DEMO_TENANT;
  customers: GenCustomer[];
  history: GenHistory;
  /** Ids and numbers of the seed case in this file (equal to SEED_CASE for the default size). */
  seedCase: {
    entityId: string;
    stephanie: { id: string; number: number };
    stefanie: { id: string; number: number };
  };
}

export function demoSalon(opts: DemoOptions = {}): DemoSalon {
  const seed = opts.seed ?? 1;
  const n = opts.n ?? DEMO_SIZE;
  const [first, second] = seedCaseSlots(n);
  const fixed = new Map([
    [first, STEPHANIE],
    [second, STEFANIE],
  ]);
  const customers = [
    ...generateWithFixed(
      { seed, n, country: 'BE', flandersOnly: true, since: DEMO_SINCE, now: DEMO_NOW },
      fixed,
    ),
  ];
  const stephanie = customers[first] as GenCustomer;
  const stefanie = customers[second] as GenCustomer;
  const history = emptyHistory();
  if (opts.history ?? true) {
    for (const customer of customers) {
      if (customer.entityId === SEED_CASE.entityId) continue;
      appendHistory(history, historyForCustomer(customer, { seed, now: DEMO_NOW }));
    }
    appendHistory(history, seedCaseHistory(stephanie, stefanie));
  }
  return {
    tenant: DEMO_TENANT,
    customers,
    history,
    seedCase: {
      entityId: SEED_CASE.entityId,
      stephanie: { id: stephanie.id, number: stephanie.number },
      stefanie: { id: stefanie.id, number: stefanie.number },
    },
  };
}
