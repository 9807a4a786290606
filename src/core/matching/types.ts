/** The data the matcher reads from a customer, and what it precomputes from it. */
import type { PrepareCache } from './prepare.ts';

export type Gender = 'female' | 'male' | 'diverse' | 'child';

export interface MatchRecord {
  id: string;
  firstName: string | null;
  lastName: string | null;
  gender: Gender | null;
  email: string | null;
  mobile: string | null;
  landline: string | null;
  phone2: string | null;
  /** "YYYY-MM-DD" (other typed forms are accepted too). */
  birthDate: string | null;
  street: string | null;
  houseNumber: string | null;
  postalCode: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2; sets the region phone numbers are read in. */
  country: string | null;
  extraEmails?: string[];
  extraPhones?: string[];
}

/** Phonetic keys of a name: Double Metaphone primary and alternate, Kölner Phonetik, Dutch key. */
export type NameKeys = [dm: string, dmAlt: string, cologne: string, dutch: string];

/**
 * Everything a pair comparison needs, computed once per record. Plain JSON (no Maps, no classes) so a
 * database can store it next to the customer and the scan job can compare without re-normalising.
 */
export interface PreparedRecord {
  id: string;
  /** Given names glued ("marielouise"), first given name, all of them. */
  firstName: string | null;
  firstToken: string | null;
  firstInitialOnly: boolean;
  firstKeys: NameKeys | null;
  nicknames: number[];
  /** Surname with particles glued ("vandenbroeck") and without them ("broeck"). */
  lastName: string | null;
  lastCore: string | null;
  lastInitialOnly: boolean;
  lastKeys: NameKeys | null;
  /** Generational suffix written with the name: 0 none, 1 junior, 2 senior. */
  generation: 0 | 1 | 2;
  /** Canonical mailboxes, their local parts without separators, and whether each local part is only the owner's names (digits aside). */
  emails: string[];
  emailLocals: string[];
  emailNamed: boolean[];
  /** Every valid number, E.164; the fixed lines among them again in fixedPhones (a household shares those). */
  phones: string[];
  fixedPhones: string[];
  /** "YYYYMMDD". */
  birthDigits: string | null;
  birthYear: number;
  street: string | null;
  houseNumber: string | null;
  houseBox: string;
  postalCode: string | null;
  /** Outward code of a British postal code, the four digits of a Dutch one; null otherwise. */
  postalDistrict: string | null;
  city: string | null;
  gender: Gender | null;
}

export interface PrepareOptions {
  /** Region for phone numbers of rows without a country. */
  defaultCountry?: string | null;
  /** Memory shared by a batch (see createPrepareCache); optional. */
  cache?: PrepareCache;
}
