import { describe, expect, it } from 'vitest';
import { dayRange, localDay, shiftDay } from './agendaApi.ts';

describe('agenda days', () => {
  it('asks for one local day, midnight to midnight, across month ends', () => {
    const { from, to } = dayRange('2026-11-30');
    expect([from.getDate(), from.getHours(), to.getDate(), to.getMonth()]).toEqual([30, 0, 1, 11]);
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
