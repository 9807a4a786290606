/**
 * Turns a person into one customer record as a given door would create it: which fields get
 * filled, how names are cased and how phones are written depend on who typed them (BRIEF "The data").
 */
import type { Person } from './person.ts';
import { writePhone } from './phones.ts';
import type { PhoneWriter } from './phones.ts';
import type { Rng } from './random.ts';
import { typo } from './spelling.ts';
import type { GenCustomer, GenLanguage, GenSource } from './types.ts';

/** A record before it has a place in the file (id, number and dates are given on emission). */
export type Draft = Omit<GenCustomer, 'id' | 'number' | 'createdAt' | 'newsletterConsentAt'>;

interface Presence {
  mobile: number;
  email: number;
  birthDate: number;
  address: number;
  landline: number;
  gender: number;
}

/**
 * Chance that a field is filled, per door. Weighted by SOURCE_WEIGHTS this gives the salon-wide
 * shares: mobile ~85%, e-mail ~70%, birth date ~40%, address ~35%.
 */
const PRESENCE: Readonly<Record<GenSource, Presence>> = {
  staff: { mobile: 0.88, email: 0.75, birthDate: 0.55, address: 0.5, landline: 0.5, gender: 0.95 },
  online: { mobile: 0.98, email: 1, birthDate: 0.25, address: 0.2, landline: 0.1, gender: 0.8 },
  agenda: { mobile: 0.9, email: 0.25, birthDate: 0.08, address: 0.05, landline: 0.3, gender: 0.85 },
  walk_in: { mobile: 0.75, email: 0.35, birthDate: 0.15, address: 0.1, landline: 0.2, gender: 0.9 },
  import: { mobile: 0.72, email: 0.75, birthDate: 0.8, address: 0.75, landline: 0.7, gender: 0.85 },
};

export const SOURCE_WEIGHTS: Readonly<Record<GenSource, number>> = {
  staff: 42,
  online: 28,
  agenda: 12,
  walk_in: 8,
  import: 10,
};

const WRITER: Readonly<Record<GenSource, PhoneWriter>> = {
  staff: 'desk',
  online: 'online',
  agenda: 'desk',
  walk_in: 'desk',
  import: 'import',
};

const STATUS_LABELS: Readonly<Record<GenLanguage, readonly string[]>> = {
  nl: ['VIP', 'Vaste klant', 'Personeel', 'Student', 'Familie', 'Nieuwe klant'],
  fr: ['VIP', 'Client fidèle', 'Personnel', 'Étudiant', 'Famille'],
  de: ['VIP', 'Stammkunde', 'Personal', 'Student', 'Familie'],
  en: ['VIP', 'Regular', 'Staff', 'Student'],
};

const NOTES: Readonly<Record<GenLanguage, readonly string[]>> = {
  nl: [
    'Gevoelige hoofdhuid',
    'Altijd bij dezelfde kapster',
    'Allergisch voor PPD',
    'Komt liefst op zaterdag',
    'Koffie zonder suiker',
    'Krullend haar, niet te kort',
    'Belt vaak af, bevestigen',
    'Betaalt met Payconiq',
  ],
  fr: [
    'Cuir chevelu sensible',
    'Allergique au PPD',
    'Préfère le samedi',
    'Café sans sucre',
    'Cheveux bouclés',
  ],
  de: [
    'Empfindliche Kopfhaut',
    'Allergisch gegen PPD',
    'Kommt gern samstags',
    'Kaffee schwarz',
    'Locken, nicht zu kurz',
  ],
  en: ['Sensitive scalp', 'Prefers Saturdays', 'Allergic to PPD'],
};

export function pickSource(rng: Rng): GenSource {
  return rng.weighted(SOURCE_WEIGHTS);
}

/** How a door cases names: online forms see lower case, old exports upper case. */
function caseName(name: string, source: GenSource, rng: Rng): string {
  const r = rng.next();
  if (source === 'online') {
    if (r < 0.28) return name.toLowerCase();
    if (r < 0.32) return name.toUpperCase();
    return name;
  }
  if (source === 'import') return r < 0.35 ? name.toUpperCase() : name;
  if (r < 0.02) return name.toLowerCase();
  if (r < 0.03) return name.toUpperCase();
  return name;
}

export function renderRecord(person: Person, source: GenSource, rng: Rng): Draft {
  const p = PRESENCE[source];
  let firstName: string | null = person.firstName;
  let lastName: string | null = person.lastName;
  // Even the first record of a person carries the odd typo ("Stephanie Wahters").
  if (rng.chance(0.02)) lastName = typo(lastName, rng);
  if (source === 'agenda' && rng.chance(0.2)) lastName = null;
  firstName = caseName(firstName, source, rng);
  if (lastName !== null) lastName = caseName(lastName, source, rng);
  const writer = WRITER[source];
  const hasAddress = rng.chance(p.address);
  const consent =
    source === 'online'
      ? rng.chance(0.45)
      : rng.chance(source === 'import' ? 0.4 : 0.5)
        ? null
        : rng.chance(0.6);
  const language = person.language;
  return {
    entityId: person.entityId,
    gender: rng.chance(p.gender) ? person.gender : null,
    firstName,
    lastName,
    displayName: displayName(firstName, lastName),
    email: person.email !== null && rng.chance(p.email) ? person.email : null,
    mobile: person.mobile !== null && rng.chance(p.mobile) ? writePhone(person.mobile, writer, rng) : null,
    landline:
      person.landline !== null && rng.chance(p.landline) ? writePhone(person.landline, writer, rng) : null,
    phone2: person.phone2 !== null && rng.chance(0.6) ? writePhone(person.phone2, writer, rng) : null,
    birthDate: rng.chance(p.birthDate) ? person.birthDate : null,
    street: hasAddress ? person.address.street : null,
    houseNumber: hasAddress ? person.address.houseNumber : null,
    postalCode: hasAddress ? writePostalCode(person.address.postalCode, rng) : null,
    city: hasAddress
      ? source === 'import' && rng.chance(0.3)
        ? person.address.city.toUpperCase()
        : person.address.city
      : null,
    country: person.country,
    language,
    vatNumber: person.vatNumber !== null && source !== 'online' && rng.chance(0.8) ? person.vatNumber : null,
    statusLabel: rng.chance(0.08) ? rng.pick(STATUS_LABELS[language]) : null,
    newsletterConsent: consent,
    notes: source !== 'online' && rng.chance(0.06) ? rng.pick(NOTES[language]) : null,
    source,
    kind: 'original',
  };
}

/** Dutch postal codes come as '1234 AB', '1234AB' or '1234 ab'; others as they are. */
function writePostalCode(code: string, rng: Rng): string {
  if (!code.includes(' ')) return code;
  const r = rng.next();
  if (r < 0.25) return code.replace(' ', '');
  if (r < 0.3) return code.toLowerCase();
  return code;
}

export function displayName(firstName: string | null, lastName: string | null): string | null {
  const parts = [firstName, lastName].filter((s): s is string => s !== null && s.length > 0);
  return parts.length > 0 ? parts.join(' ') : null;
}
