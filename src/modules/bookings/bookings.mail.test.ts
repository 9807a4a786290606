/** Unit tier: the answer to a booking request, in each language, at the business's local time. */
import { describe, expect, it } from 'vitest';
import { confirmedMail, declinedMail } from './bookings.mail.ts';

const base = { business: 'Kapsalon Lotus', name: 'Stefanie Wachters', service: 'Knippen', country: 'BE' };
// 09:00 UTC on 1 December is 10:00 in Brussels (winter time); 1 July 09:00 UTC is 11:00 (summer time).
const winter = new Date('2026-12-01T09:00:00Z');
const summer = new Date('2027-07-01T09:00:00Z');

describe('booking answers', () => {
  it('writes the confirmed day and local time in the customer’s language', () => {
    expect(confirmedMail('nl', { ...base, start: winter }).text).toContain(
      'op dinsdag 1 december 2026 om 10:00',
    );
    expect(confirmedMail('fr', { ...base, start: winter }).text).toContain('mardi 1 décembre 2026');
    expect(confirmedMail('de', { ...base, start: winter }).text).toContain('Dienstag, 1. Dezember 2026');
    expect(confirmedMail('en', { ...base, start: summer }).text).toContain('1 July 2027 at 11:00');
    for (const lang of ['nl', 'fr', 'de', 'en'] as const) {
      const mail = confirmedMail(lang, { ...base, start: winter });
      expect(mail.subject, lang).toContain('Kapsalon Lotus');
      expect(mail.text, lang).toContain('Stefanie Wachters');
      expect(mail.text, lang).toContain('Knippen');
      expect(mail.text, lang).toContain('10:00');
    }
  });

  it('gives the reason of a decline when staff wrote one, and no empty paragraph when not', () => {
    const withReason = declinedMail('nl', { ...base, start: winter, reason: '  We zijn die dag gesloten. ' });
    expect(withReason.text).toContain('niet bevestigen.\n\nWe zijn die dag gesloten.\n\n');
    const without = declinedMail('de', { ...base, start: winter, reason: null });
    expect(without.text).not.toContain('\n\n\n');
    expect(without.text).toContain('nicht bestätigen.\n\nWählen Sie');
  });
});
