import { describe, expect, it } from 'vitest';
import { EMPTY_VALUES } from '../customer/validate.ts';
import { undoFields } from './undo.ts';
import type { SurvivorState } from './undo.ts';

const state = (overrides: Partial<SurvivorState>): SurvivorState => ({
  ...EMPTY_VALUES,
  customerSince: '2022-03-24T09:05:00.000Z',
  newsletterConsentAt: null,
  newsletterConsentSource: null,
  ...overrides,
});

describe('undoFields', () => {
  const before = state({
    firstName: 'Stephanie',
    email: 'stephaniewachters@telenet.be',
    mobile: '0475 888 888',
    mobileE164: '+32475888888',
    newsletterConsent: true,
    newsletterConsentAt: '2022-03-24T09:05:00.000Z',
    customerSince: '2022-03-24T09:05:00.000Z',
  });
  const after = state({
    firstName: 'Stephanie',
    email: 'stefaniew@hotmail.com',
    mobile: '0475 888 888',
    mobileE164: '+32475888888',
    newsletterConsent: false,
    newsletterConsentAt: '2022-03-24T21:40:00.000Z',
    birthDate: '1988-06-14',
    customerSince: '2022-01-01T00:00:00.000Z',
  });

  it('gives back every field the merge changed and nobody edited since', () => {
    const result = undoFields(before, after, after);
    expect(result.kept).toEqual([]);
    expect(result.restored).toEqual(['email', 'birthDate', 'newsletterConsent', 'customerSince']);
    expect(result.restore).toEqual({
      email: 'stephaniewachters@telenet.be',
      birthDate: null,
      newsletterConsent: true,
      newsletterConsentAt: '2022-03-24T09:05:00.000Z',
      newsletterConsentSource: null,
      customerSince: '2022-03-24T09:05:00.000Z',
    });
  });

  it('keeps and reports fields edited since the merge, and ignores edits of fields the merge left alone', () => {
    const current = {
      ...after,
      email: 'steph@new.be',
      newsletterConsentAt: '2026-01-01T00:00:00.000Z',
      city: 'Gent',
    };
    const result = undoFields(before, after, current);
    expect(result.kept).toEqual(['email', 'newsletterConsent']);
    expect(result.restored).toEqual(['birthDate', 'customerSince']);
    expect(result.restore).not.toHaveProperty('city');
  });

  it('treats a phone and its E.164 form as one field', () => {
    const b = state({ mobile: '0475 11 22 33', mobileE164: '+32475112233' });
    const a = state({ mobile: '0475 44 55 66', mobileE164: '+32475445566' });
    const edited = state({ mobile: '0475 44 55 66', mobileE164: '+32475445567' });
    expect(undoFields(b, a, edited).kept).toEqual(['mobile']);
    expect(undoFields(b, a, a).restore).toEqual({ mobile: '0475 11 22 33', mobileE164: '+32475112233' });
  });
});
