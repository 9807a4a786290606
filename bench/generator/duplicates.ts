/**
 * The error model for duplicates: another record of a person already in the file, differing the way
 * real duplicates differ (BRIEF "Duplicates"). Each copy has one main error, named in `variant`, plus
 * the background noise every record has (missing fields, other phone notation, the odd slip).
 */
import { emailVariant } from './emails.ts';
import type { Mailboxes } from './emails.ts';
import { NAMES } from './names.ts';
import { personalEmail, yearOf } from './person.ts';
import type { Person } from './person.ts';
import { makeMobile, writePhone } from './phones.ts';
import type { Rng } from './random.ts';
import { displayName, renderRecord } from './render.ts';
import type { Draft } from './render.ts';
import {
  caseVariant,
  hasDiacritics,
  hasNickname,
  nickname,
  particleOf,
  particleVariant,
  phonetic,
  stripAccents,
  typo,
  umlautVariant,
} from './spelling.ts';
import type { GenSource } from './types.ts';

export type CopyVariant =
  | 'online_new_email'
  | 'typo'
  | 'phonetic'
  | 'nickname'
  | 'swapped'
  | 'marriage'
  | 'spelling_form'
  | 'case'
  | 'import'
  | 'email_variant'
  | 'sparse'
  | 'new_phone'
  | 'birth_date_error';

const VARIANT_WEIGHTS: Readonly<Record<CopyVariant, number>> = {
  online_new_email: 18,
  typo: 12,
  phonetic: 12,
  nickname: 7,
  swapped: 5,
  marriage: 4,
  spelling_form: 8,
  case: 5,
  import: 9,
  email_variant: 8,
  sparse: 5,
  new_phone: 4,
  birth_date_error: 3,
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A birth date as mistyped: day and month swapped, or one part off by one. */
export function birthDateError(date: string, rng: Rng): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (day <= 12 && day !== month && rng.chance(0.5)) return `${year}-${pad2(day)}-${pad2(month)}`;
  const r = rng.int(0, 2);
  if (r === 0) return `${year + (rng.chance(0.5) ? 1 : -1)}-${pad2(month)}-${pad2(day)}`;
  if (r === 1) return `${year}-${pad2(month === 12 ? 11 : month + 1)}-${pad2(Math.min(day, 28))}`;
  return `${year}-${pad2(month)}-${pad2(day >= 28 ? day - 1 : day + 1)}`;
}

function copySource(variant: CopyVariant, rng: Rng): GenSource {
  if (variant === 'online_new_email') return 'online';
  if (variant === 'import') return 'import';
  if (variant === 'sparse') return rng.chance(0.7) ? 'agenda' : 'walk_in';
  return rng.weighted({ staff: 50, online: 25, agenda: 12, walk_in: 13 });
}

function applicable(variant: CopyVariant, person: Person, nowYear: number): boolean {
  switch (variant) {
    case 'nickname':
      return hasNickname(person.firstName);
    case 'marriage':
      return person.gender === 'female' && nowYear - yearOf(person.birthDate) >= 20;
    case 'email_variant':
      return person.email !== null;
    case 'sparse':
    case 'online_new_email':
      return person.mobile !== null;
    default:
      return true;
  }
}

/** One more record of `person`, as a duplicate would appear in a salon's file. */
export function makeCopy(person: Person, nowYear: number, rng: Rng, mailboxes?: Mailboxes): Draft {
  let variant = rng.weighted(VARIANT_WEIGHTS);
  if (!applicable(variant, person, nowYear)) variant = rng.chance(0.5) ? 'typo' : 'phonetic';
  const source = copySource(variant, rng);
  let view: Person = person;

  if (variant === 'online_new_email') {
    // A new address at another provider, often a shorter form of the name (stefaniew@hotmail.com).
    const first = rng.chance(0.35) ? phonetic(person.firstName, rng) : person.firstName;
    let email = person.email;
    for (let i = 0; i < 4 && email === person.email; i++) {
      email = personalEmail(first, person.lastName, yearOf(person.birthDate), person.region, rng, mailboxes);
    }
    view = { ...person, firstName: first, email };
  } else if (variant === 'marriage') {
    const names = NAMES[person.region].surnames;
    let lastName = person.lastName;
    while (lastName === person.lastName) lastName = names.pick(rng);
    const email = rng.chance(0.5)
      ? personalEmail(person.firstName, lastName, yearOf(person.birthDate), person.region, rng, mailboxes)
      : person.email;
    view = { ...person, lastName, email };
  } else if (variant === 'new_phone') {
    view = { ...person, mobile: makeMobile(person.country, rng) };
  }

  const d = renderRecord(view, source, rng);
  d.kind = 'duplicate';
  d.variant = variant;

  switch (variant) {
    case 'online_new_email':
      d.email = view.email;
      if (view.mobile) d.mobile = writePhone(view.mobile, 'online', rng);
      if (rng.chance(0.5)) {
        d.firstName = d.firstName?.toLowerCase() ?? null;
        d.lastName = d.lastName?.toLowerCase() ?? null;
      }
      break;
    case 'typo':
      if (rng.chance(0.4) || d.lastName === null) d.firstName = typo(d.firstName ?? '', rng) || null;
      else d.lastName = typo(d.lastName, rng);
      break;
    case 'phonetic':
      if (rng.chance(0.45) || d.lastName === null) d.firstName = phonetic(d.firstName ?? '', rng) || null;
      else d.lastName = phonetic(d.lastName, rng);
      break;
    case 'nickname':
      d.firstName = nickname(person.firstName, rng);
      break;
    case 'swapped':
      if (d.lastName === null) d.lastName = person.lastName;
      [d.firstName, d.lastName] = [d.lastName, d.firstName];
      break;
    case 'marriage':
      if (view.mobile) d.mobile = writePhone(view.mobile, 'desk', rng);
      if (rng.chance(0.7)) d.birthDate = person.birthDate;
      break;
    case 'spelling_form':
      spellingForm(d, person, rng);
      break;
    case 'case':
      d.firstName = d.firstName === null ? null : caseVariant(d.firstName, rng);
      d.lastName = d.lastName === null ? null : caseVariant(d.lastName, rng);
      break;
    case 'import':
      if (d.email !== null && rng.chance(0.3)) d.email = d.email.toUpperCase();
      break;
    case 'email_variant': {
      const v = emailVariant(person.email ?? '', rng);
      d.email = v.email;
      d.variant = `email_${v.kind}`;
      break;
    }
    case 'sparse':
      // Booked by phone in the agenda: a first name, maybe an initial, and the number.
      d.lastName = rng.chance(0.5) ? null : `${person.lastName[0] ?? ''}.`;
      d.email = null;
      d.birthDate = null;
      d.street = d.houseNumber = d.postalCode = d.city = null;
      if (person.mobile) d.mobile = writePhone(person.mobile, 'desk', rng);
      break;
    case 'new_phone':
      if (person.email !== null) d.email = person.email;
      else d.birthDate = person.birthDate;
      break;
    case 'birth_date_error':
      d.birthDate = birthDateError(person.birthDate, rng);
      break;
  }

  // Background noise any record may carry.
  if (variant !== 'birth_date_error' && d.birthDate !== null && rng.chance(0.05))
    d.birthDate = birthDateError(d.birthDate, rng);
  if (variant !== 'typo' && d.firstName !== null && rng.chance(0.04)) d.firstName = typo(d.firstName, rng);
  d.displayName = displayName(d.firstName, d.lastName);
  return d;
}

function spellingForm(d: Draft, person: Person, rng: Rng): void {
  if (particleOf(person.lastName) !== null) {
    d.lastName = particleVariant(person.lastName, rng);
    d.variant = 'particle';
  } else if (hasDiacritics(person.lastName) && /[äöüÄÖÜß]/.test(person.lastName)) {
    d.lastName = umlautVariant(person.lastName, rng);
    d.variant = 'umlaut';
  } else if (hasDiacritics(person.firstName) || hasDiacritics(person.lastName)) {
    d.firstName = stripAccents(person.firstName);
    d.lastName = stripAccents(person.lastName);
    d.variant = 'accent';
  } else {
    d.firstName = d.firstName === null ? null : caseVariant(d.firstName, rng);
    d.lastName = d.lastName === null ? null : caseVariant(d.lastName, rng);
    d.variant = 'case';
  }
}
