import { describe, expect, it } from 'vitest';
import { inviteMail, resetMail, span } from './accounts.mail.ts';

describe('account e-mails', () => {
  it('say how long a link is valid as people say it', () => {
    expect(span('nl', 168)).toBe('7 dagen');
    expect(span('de', 168)).toBe('7 Tagen');
    expect(span('fr', 2)).toBe('2 heures');
    expect(span('en', 24)).toBe('24 hours');
    const p = { business: 'Kapsalon Lotus', name: 'Lotte', link: 'http://x/invite?token=t', hours: 168 };
    expect(inviteMail('nl', p).text).toContain('verloopt over 7 dagen');
    expect(inviteMail('en', p).text).not.toContain('168');
    expect(resetMail('fr', { ...p, hours: 2 }).text).toContain('expire dans 2 heures');
  });
});
