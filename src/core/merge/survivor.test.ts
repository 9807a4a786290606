import { describe, expect, it } from 'vitest';
import { profile } from './fixtures.test-support.ts';
import { rankForSurvival } from './survivor.ts';

const numbers = (list: { number: number }[]) => list.map((c) => c.number);

describe('the survivor rule', () => {
  it('prefers a profile staff made over an online sign-up, even a newer one', () => {
    const online = profile({ number: 1, source: 'online', customerSince: '2020-01-01T00:00:00Z' });
    const desk = profile({ number: 2, source: 'staff', customerSince: '2024-01-01T00:00:00Z' });
    expect(numbers(rankForSurvival([online, desk]))).toEqual([2, 1]);
  });

  it('then the earliest customer since, then the earliest creation', () => {
    const late = profile({ number: 1, customerSince: '2024-01-01T00:00:00Z' });
    const early = profile({
      number: 2,
      customerSince: '2021-01-01T00:00:00Z',
      createdAt: '2021-01-01T00:00:00Z',
    });
    const sameDayLater = profile({
      number: 3,
      customerSince: '2021-01-01T00:00:00Z',
      createdAt: '2021-06-01T00:00:00Z',
    });
    expect(numbers(rankForSurvival([late, sameDayLater, early]))).toEqual([2, 3, 1]);
  });

  it('then the most history, then the most filled-in fields, then the lowest number', () => {
    const busy = profile({ number: 30, history: { appointments: 4, invoices: 1 } });
    const quiet = profile({ number: 10, history: { appointments: 2 } });
    const filled = profile({
      number: 20,
      history: { appointments: 2 },
      values: { email: 'a@b.be', city: 'Gent' },
    });
    const twin = profile({ number: 5, history: { appointments: 2 } });
    expect(numbers(rankForSurvival([quiet, filled, busy, twin]))).toEqual([30, 20, 5, 10]);
  });

  it('gives the same order whatever order the profiles come in', () => {
    const list = [
      profile({ number: 7 }),
      profile({ number: 3 }),
      profile({ number: 9, source: 'online' }),
      profile({ number: 4, history: { messages: 1 } }),
    ];
    const expected = numbers(rankForSurvival(list));
    expect(numbers(rankForSurvival([...list].reverse()))).toEqual(expected);
    expect(expected).toEqual([4, 3, 7, 9]);
  });
});
