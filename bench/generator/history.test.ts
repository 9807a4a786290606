import { describe, expect, it } from 'vitest';
import { generateCustomers } from './customers.ts';
import { collectHistory, generateHistory, historyForCustomer } from './history.ts';

const now = new Date('2026-11-01T00:00:00Z');
const customers = [...generateCustomers({ seed: 3, n: 3_000 })];

describe('history', () => {
  it('depends only on the seed and the customer, not on order', () => {
    const c = customers[1234]!;
    expect(historyForCustomer(c, { seed: 3 })).toEqual(historyForCustomer(c, { seed: 3 }));
    const streamed = [...generateHistory([...customers].reverse(), { seed: 3 })].find(
      (x) => x.customer.id === c.id,
    );
    expect(streamed?.history).toEqual(historyForCustomer(c, { seed: 3 }));
  });

  it('keeps appointments after the customer was created, with future ones only booked', () => {
    const h = collectHistory(customers, { seed: 3, now });
    const created = new Map(customers.map((c) => [c.id, c.createdAt]));
    expect(h.appointments.length / customers.length).toBeGreaterThan(3);
    for (const a of h.appointments) {
      expect(a.start.slice(0, 10) >= created.get(a.customerId)!.slice(0, 10)).toBe(true);
      expect(a.end > a.start).toBe(true);
      if (a.start > now.toISOString()) expect(a.status).toBe('booked');
      else expect(a.status).not.toBe('booked');
    }
    for (const key of [
      'invoices',
      'loyalty',
      'notes',
      'subscriptions',
      'bookingRequests',
      'onlineAccounts',
    ] as const) {
      expect(h[key].length, key).toBeGreaterThan(0);
    }
    expect(new Set(h.invoices.map((i) => i.number)).size).toBe(h.invoices.length);
  });
});
