/**
 * The e-mails of online accounts, in the customer's language (else the business's): the
 * invitation and the password reset, each with its single-use link.
 */
import type { Language } from '../shared/language.ts';

interface Mail {
  subject: string;
  text: string;
}

type Template = (p: { business: string; name: string; link: string; hours: number }) => Mail;

const UNITS: Record<Language, { hours: string; days: string }> = {
  nl: { hours: 'uur', days: 'dagen' },
  fr: { hours: 'heures', days: 'jours' },
  de: { hours: 'Stunden', days: 'Tagen' },
  en: { hours: 'hours', days: 'days' },
};

/** How long a link stays valid, as people say it: "7 days", not "168 hours". */
export function span(lang: Language, hours: number): string {
  return hours >= 48 && hours % 24 === 0
    ? `${hours / 24} ${UNITS[lang].days}`
    : `${hours} ${UNITS[lang].hours}`;
}

const INVITE: Record<Language, Template> = {
  nl: (p) => ({
    subject: `Uw account om online te boeken bij ${p.business}`,
    text: `Beste ${p.name},\n\n${p.business} nodigt u uit om voortaan online een afspraak te boeken. Kies hier uw wachtwoord:\n\n${p.link}\n\nDeze link werkt één keer en verloopt over ${span('nl', p.hours)}.\n\nMet vriendelijke groeten,\n${p.business}`,
  }),
  fr: (p) => ({
    subject: `Votre compte pour réserver en ligne chez ${p.business}`,
    text: `Bonjour ${p.name},\n\n${p.business} vous invite à prendre vos rendez-vous en ligne. Choisissez votre mot de passe ici :\n\n${p.link}\n\nCe lien ne fonctionne qu'une fois et expire dans ${span('fr', p.hours)}.\n\nCordialement,\n${p.business}`,
  }),
  de: (p) => ({
    subject: `Ihr Konto für Online-Buchungen bei ${p.business}`,
    text: `Hallo ${p.name},\n\n${p.business} lädt Sie ein, Termine künftig online zu buchen. Wählen Sie hier Ihr Passwort:\n\n${p.link}\n\nDieser Link funktioniert einmal und läuft in ${span('de', p.hours)} ab.\n\nMit freundlichen Grüßen\n${p.business}`,
  }),
  en: (p) => ({
    subject: `Your account for booking online at ${p.business}`,
    text: `Dear ${p.name},\n\n${p.business} invites you to book your appointments online. Choose your password here:\n\n${p.link}\n\nThis link works once and expires in ${span('en', p.hours)}.\n\nKind regards,\n${p.business}`,
  }),
};

const RESET: Record<Language, Template> = {
  nl: (p) => ({
    subject: `Nieuw wachtwoord voor ${p.business}`,
    text: `Beste ${p.name},\n\nU vroeg een nieuw wachtwoord voor online boeken bij ${p.business}. Kies het hier:\n\n${p.link}\n\nDeze link werkt één keer en verloopt over ${span('nl', p.hours)}. Vroeg u niets aan? Dan mag u deze e-mail negeren.\n\n${p.business}`,
  }),
  fr: (p) => ({
    subject: `Nouveau mot de passe pour ${p.business}`,
    text: `Bonjour ${p.name},\n\nVous avez demandé un nouveau mot de passe pour réserver en ligne chez ${p.business}. Choisissez-le ici :\n\n${p.link}\n\nCe lien ne fonctionne qu'une fois et expire dans ${span('fr', p.hours)}. Vous n'avez rien demandé ? Ignorez cet e-mail.\n\n${p.business}`,
  }),
  de: (p) => ({
    subject: `Neues Passwort für ${p.business}`,
    text: `Hallo ${p.name},\n\nSie haben ein neues Passwort für Online-Buchungen bei ${p.business} angefordert. Wählen Sie es hier:\n\n${p.link}\n\nDieser Link funktioniert einmal und läuft in ${span('de', p.hours)} ab. Sie haben nichts angefordert? Dann ignorieren Sie diese E-Mail.\n\n${p.business}`,
  }),
  en: (p) => ({
    subject: `New password for ${p.business}`,
    text: `Dear ${p.name},\n\nYou asked for a new password for booking online at ${p.business}. Choose it here:\n\n${p.link}\n\nThis link works once and expires in ${span('en', p.hours)}. Did not ask? Then ignore this e-mail.\n\n${p.business}`,
  }),
};

export function inviteMail(lang: Language, p: Parameters<Template>[0]): Mail {
  return INVITE[lang](p);
}

export function resetMail(lang: Language, p: Parameters<Template>[0]): Mail {
  return RESET[lang](p);
}
