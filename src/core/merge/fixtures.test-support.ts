/** Profiles for the merge core's unit tests: a complete MergeCustomer from a few overrides. */
import type { CustomerValues } from '../customer/customer.ts';
import { EMPTY_VALUES } from '../customer/validate.ts';
import { HISTORY_TABLES } from './types.ts';
import type { HistoryTable, MergeCustomer, PlanContext } from './types.ts';

export const CTX: PlanContext = {
  defaultCountry: 'BE',
  required: { phone: false, email: false },
  today: '2026-11-24',
  maxRecords: 20,
};

let counter = 0;

export function profile(
  overrides: Partial<Omit<MergeCustomer, 'values' | 'history'>> & {
    values?: Partial<CustomerValues>;
    history?: Partial<Record<HistoryTable, number>>;
  } = {},
): MergeCustomer {
  counter++;
  const { values, history, ...rest } = overrides;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    number: 1000 + counter,
    values: { ...EMPTY_VALUES, lastName: 'Peeters', ...values },
    source: 'staff',
    customerSince: '2022-01-01T00:00:00.000Z',
    createdAt: '2022-01-01T00:00:00.000Z',
    newsletterConsentAt: null,
    newsletterConsentSource: null,
    archivedAt: null,
    mergedInto: null,
    deletedAt: null,
    erasedAt: null,
    history: {
      ...(Object.fromEntries(HISTORY_TABLES.map((t) => [t, 0])) as Record<HistoryTable, number>),
      ...history,
    },
    loyaltyPoints: 0,
    lastAppointmentAt: null,
    appointments: [],
    onlineAccounts: [],
    contactPoints: [],
    ...rest,
  };
}

/** The brief's seed case: Stephanie Wahters (desk, 3 appointments) and stefanie wachters (online sign-up, 2). */
export function seedCase(): { stephanie: MergeCustomer; stefanie: MergeCustomer } {
  const stephanie = profile({
    number: 1222,
    values: {
      gender: 'female',
      firstName: 'Stephanie',
      lastName: 'Wahters',
      displayName: 'Stephanie Wahters',
      email: 'stephaniewachters@telenet.be',
      mobile: '0475 888 888',
      mobileE164: '+32475888888',
      birthDate: '1988-06-14',
      street: 'Bruul',
      houseNumber: '42',
      postalCode: '2800',
      city: 'Mechelen',
      country: 'BE',
      language: 'nl',
      newsletterConsent: true,
    },
    source: 'staff',
    customerSince: '2022-03-24T09:05:00.000Z',
    createdAt: '2022-03-24T09:05:00.000Z',
    newsletterConsentAt: '2022-03-24T09:05:00.000Z',
    newsletterConsentSource: 'asked at the desk',
    history: { appointments: 3, invoices: 1, loyalty_ledger: 3, customer_notes: 1 },
    loyaltyPoints: 156,
    appointments: [
      {
        id: 'a1',
        startAt: '2022-03-24T09:30:00.000Z',
        endAt: '2022-03-24T10:30:00.000Z',
        status: 'completed',
        service: 'Knippen',
      },
      {
        id: 'a2',
        startAt: '2022-05-12T14:00:00.000Z',
        endAt: '2022-05-12T15:30:00.000Z',
        status: 'completed',
        service: 'Kleuren',
      },
      {
        id: 'a3',
        startAt: '2022-07-07T10:00:00.000Z',
        endAt: '2022-07-07T10:45:00.000Z',
        status: 'completed',
        service: 'Knippen',
      },
    ],
  });
  const stefanie = profile({
    number: 1223,
    values: {
      gender: 'female',
      firstName: 'stefanie',
      lastName: 'wachters',
      displayName: 'stefanie wachters',
      email: 'stefaniew@hotmail.com',
      mobile: '0475 888 888',
      mobileE164: '+32475888888',
      country: 'BE',
      language: 'nl',
      newsletterConsent: false,
    },
    source: 'online',
    customerSince: '2022-03-24T21:40:00.000Z',
    createdAt: '2022-03-24T21:40:00.000Z',
    newsletterConsentAt: '2022-03-24T21:40:00.000Z',
    newsletterConsentSource: 'online booking form',
    history: { appointments: 2, loyalty_ledger: 1, booking_requests: 2, online_accounts: 1 },
    loyaltyPoints: 20,
    appointments: [
      {
        id: 'b1',
        startAt: '2022-03-26T10:00:00.000Z',
        endAt: '2022-03-26T10:30:00.000Z',
        status: 'completed',
        service: 'Brushing',
      },
      {
        id: 'b2',
        startAt: '2022-03-28T15:30:00.000Z',
        endAt: '2022-03-28T16:30:00.000Z',
        status: 'completed',
        service: 'Knippen',
      },
    ],
    onlineAccounts: [
      {
        id: 'acc-stefanie',
        loginEmail: 'stefaniew@hotmail.com',
        state: 'active',
        createdAt: '2022-03-24T21:40:00.000Z',
        activatedAt: '2022-03-24T21:40:00.000Z',
        lastLoginAt: null,
      },
    ],
  });
  return { stephanie, stefanie };
}
