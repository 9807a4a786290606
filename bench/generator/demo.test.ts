import { describe, expect, it } from 'vitest';
import { SEED_CASE, demoSalon, seedCaseSlots } from './demo.ts';

const demo = demoSalon();

describe('demoSalon', () => {
  it('is a Flemish salon of 2,000 customers', () => {
    expect(demo.tenant).toMatchObject({ country: 'BE', language: 'nl' });
    expect(demo.customers).toHaveLength(2000);
    expect(demo.customers.every((c) => c.country === 'BE')).toBe(true);
    expect(demo.customers.filter((c) => c.language === 'nl').length).toBeGreaterThan(1900);
    expect(demo.customers.filter((c) => c.kind === 'duplicate').length).toBeGreaterThan(150);
  });

  it('holds the seed case exactly as the brief tells it', () => {
    expect(seedCaseSlots(2000)).toEqual([SEED_CASE.stephanie.number - 1, SEED_CASE.stefanie.number - 1]);
    expect(demo.seedCase).toEqual(SEED_CASE);
    const a = demo.customers.find((c) => c.id === SEED_CASE.stephanie.id)!;
    const b = demo.customers.find((c) => c.id === SEED_CASE.stefanie.id)!;
    expect(a).toMatchObject({
      number: SEED_CASE.stephanie.number,
      firstName: 'Stephanie',
      lastName: 'Wahters',
      gender: 'female',
      email: 'stephaniewachters@telenet.be',
      mobile: '0475 888 888',
    });
    expect(b).toMatchObject({
      number: SEED_CASE.stefanie.number,
      firstName: 'stefanie',
      lastName: 'wachters',
      gender: 'female',
      email: 'stefaniew@hotmail.com',
      mobile: '0475 888 888',
      source: 'online',
    });
    expect(a.createdAt.slice(0, 10)).toBe('2022-03-24');
    expect(b.createdAt.slice(0, 10)).toBe('2022-03-24');
    expect(a.entityId).toBe(b.entityId);
    expect(demo.customers.filter((c) => c.entityId === a.entityId)).toHaveLength(2);
    // Nobody else in the file has that mobile.
    expect(demo.customers.filter((c) => c.mobile?.replace(/\D/g, '').endsWith('475888888'))).toHaveLength(2);
  });

  it('gives the seed case three and two past appointments, the last on 28 March 2022', () => {
    const of = (id: string) => demo.history.appointments.filter((x) => x.customerId === id);
    const a = of(SEED_CASE.stephanie.id);
    const b = of(SEED_CASE.stefanie.id);
    expect(a).toHaveLength(3);
    expect(b).toHaveLength(2);
    expect([...a, ...b].every((x) => x.status === 'completed' && x.start < '2026-11-01')).toBe(true);
    expect(
      b
        .map((x) => x.start)
        .sort()
        .at(-1)!
        .slice(0, 10),
    ).toBe('2022-03-28');
    expect(demo.history.onlineAccounts.filter((x) => x.customerId === SEED_CASE.stefanie.id)).toHaveLength(1);
  });

  it('is the same every time', () => {
    const again = demoSalon();
    expect(again.customers).toEqual(demo.customers);
    expect(again.history.appointments.length).toBe(demo.history.appointments.length);
  });
});
