/**
 * The answer to an online booking request, e-mailed to the address the customer typed, in the
 * language of the booking page they used (else the business's): confirmed with the appointment's
 * day and time, or declined with the reason staff gave.
 */
import type { Language } from '../shared/language.ts';

export interface BookingMail {
  subject: string;
  text: string;
}

interface Params {
  business: string;
  name: string;
  service: string;
  /** The appointment (confirmed) or the wished time (declined). */
  start: Date;
  /** The business's country, for its time zone. */
  country: string;
  reason?: string | null;
}

/** The time zone of a business's country; the product serves BE, NL and DE (all one zone today). */
const ZONES: Record<string, string> = {
  BE: 'Europe/Brussels',
  NL: 'Europe/Amsterdam',
  DE: 'Europe/Berlin',
  LU: 'Europe/Luxembourg',
  FR: 'Europe/Paris',
};

const LOCALES: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', de: 'de-DE', en: 'en-GB' };

/** "dinsdag 1 december 2026 om 10:30", as the customer's language writes it, in the business's zone. */
export function when(lang: Language, start: Date, country: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: ZONES[country] ?? 'Europe/Brussels',
  }).format(start);
}

const CONFIRMED: Record<Language, (p: Params, at: string) => BookingMail> = {
  nl: (p, at) => ({
    subject: `Uw afspraak bij ${p.business} is bevestigd`,
    text: `Beste ${p.name},\n\nUw afspraak voor ${p.service} op ${at} is bevestigd.\n\nTot dan,\n${p.business}`,
  }),
  fr: (p, at) => ({
    subject: `Votre rendez-vous chez ${p.business} est confirmé`,
    text: `Bonjour ${p.name},\n\nVotre rendez-vous pour ${p.service} le ${at} est confirmé.\n\nÀ bientôt,\n${p.business}`,
  }),
  de: (p, at) => ({
    subject: `Ihr Termin bei ${p.business} ist bestätigt`,
    text: `Hallo ${p.name},\n\nIhr Termin für ${p.service} am ${at} ist bestätigt.\n\nBis bald\n${p.business}`,
  }),
  en: (p, at) => ({
    subject: `Your appointment at ${p.business} is confirmed`,
    text: `Dear ${p.name},\n\nYour appointment for ${p.service} on ${at} is confirmed.\n\nSee you then,\n${p.business}`,
  }),
};

const DECLINED: Record<Language, (p: Params, at: string, reason: string) => BookingMail> = {
  nl: (p, at, reason) => ({
    subject: `Uw aanvraag bij ${p.business}`,
    text: `Beste ${p.name},\n\nHelaas kunnen we uw aanvraag voor ${p.service} op ${at} niet bevestigen.${reason ? `\n\n${reason}` : ''}\n\nU bent welkom om een ander moment te kiezen.\n\nMet vriendelijke groeten,\n${p.business}`,
  }),
  fr: (p, at, reason) => ({
    subject: `Votre demande chez ${p.business}`,
    text: `Bonjour ${p.name},\n\nNous ne pouvons malheureusement pas confirmer votre demande pour ${p.service} le ${at}.${reason ? `\n\n${reason}` : ''}\n\nN'hésitez pas à choisir un autre moment.\n\nCordialement,\n${p.business}`,
  }),
  de: (p, at, reason) => ({
    subject: `Ihre Anfrage bei ${p.business}`,
    text: `Hallo ${p.name},\n\nleider können wir Ihre Anfrage für ${p.service} am ${at} nicht bestätigen.${reason ? `\n\n${reason}` : ''}\n\nWählen Sie gern einen anderen Zeitpunkt.\n\nMit freundlichen Grüßen\n${p.business}`,
  }),
  en: (p, at, reason) => ({
    subject: `Your request at ${p.business}`,
    text: `Dear ${p.name},\n\nUnfortunately we cannot confirm your request for ${p.service} on ${at}.${reason ? `\n\n${reason}` : ''}\n\nYou are welcome to choose another time.\n\nKind regards,\n${p.business}`,
  }),
};

export function confirmedMail(lang: Language, p: Params): BookingMail {
  return CONFIRMED[lang](p, when(lang, p.start, p.country));
}

export function declinedMail(lang: Language, p: Params): BookingMail {
  return DECLINED[lang](p, when(lang, p.start, p.country), p.reason?.trim() ?? '');
}
