import { describe, expect, it } from 'vitest';
import { parseConsentSource } from './consentSource.ts';

describe('parseConsentSource', () => {
  it('splits a known code from who or what recorded the consent', () => {
    expect(parseConsentSource('staff:An Peeters')).toEqual({
      code: 'staff',
      detail: 'An Peeters',
      raw: 'staff:An Peeters',
    });
    expect(parseConsentSource('import:klanten: maart.csv').detail).toBe('klanten: maart.csv');
    expect(parseConsentSource('online')).toMatchObject({ code: 'online', detail: undefined });
  });

  it('keeps text it does not know as it was stored', () => {
    expect(parseConsentSource('paper form')).toEqual({
      code: undefined,
      detail: undefined,
      raw: 'paper form',
    });
    expect(parseConsentSource('fax:123')).toMatchObject({ code: undefined, raw: 'fax:123' });
  });
});
