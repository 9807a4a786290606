/**
 * Which column holds which customer field. The suggestion reads the header in Dutch, French,
 * German and English as salons' exports write it (Voornaam, Prénom, Vorname, GSM, Handy,
 * Geboortedatum, "Familie naam" …); the user can change every choice and save the mapping.
 *
 * Rules for words that mean two things:
 *  - "Naam" / "Nom" / "Name" is the surname when another column holds the first name, and the full
 *    name otherwise;
 *  - a generic "Telefoon" / "Téléphone" / "Telefon" / "Phone" is the landline when another column
 *    holds a mobile, and the mobile otherwise (most customers' only number is their mobile);
 *  - a field is given to one column only: the first one in the file that asks for it.
 */
import { EDITABLE_FIELDS } from '../customer/customer.ts';
import type { EditableField } from '../customer/customer.ts';

/** The targets a column can have: a customer field, or a full name split into first and last name. */
export const IMPORT_TARGETS = [...EDITABLE_FIELDS, 'fullName'] as const;
export type ImportTarget = EditableField | 'fullName';
/** Per column (by position), its target or null to leave it out. */
export type ColumnMapping = (ImportTarget | null)[];

export function isImportTarget(value: unknown): value is ImportTarget {
  return typeof value === 'string' && (IMPORT_TARGETS as readonly string[]).includes(value);
}

/** Lower case, accents and umlauts folded, everything but letters and digits removed. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');
}

const SYNONYMS: Record<EditableField | 'fullName' | 'name' | 'phone', readonly string[]> = {
  gender: [
    'gender',
    'sex',
    'geslacht',
    'sexe',
    'genre',
    'geschlecht',
    'aanspreking',
    'aanhef',
    'anrede',
    'civilite',
    'titel',
    'salutation',
    'title',
  ],
  firstName: [
    'firstname',
    'first',
    'givenname',
    'forename',
    'voornaam',
    'voornamen',
    'roepnaam',
    'prenom',
    'vorname',
    'rufname',
  ],
  lastName: [
    'lastname',
    'surname',
    'familyname',
    'last',
    'achternaam',
    'familienaam',
    'familienaam',
    'familienaam1',
    'famillienaam',
    'nomdefamille',
    'nachname',
    'familienname',
    'zuname',
  ],
  displayName: ['displayname', 'weergavenaam', 'nomdaffichage', 'anzeigename', 'roepnaamweergave'],
  email: [
    'email',
    'emailaddress',
    'emailadres',
    'emailadresse',
    'mail',
    'mailadres',
    'courriel',
    'adressemail',
    'adresseemail',
    'adresseelectronique',
  ],
  mobile: [
    'mobile',
    'mobilephone',
    'mobilenumber',
    'cell',
    'cellphone',
    'gsm',
    'gsmnummer',
    'gsmnr',
    'mobiel',
    'mobielnummer',
    'mobielenummer',
    'handy',
    'handynummer',
    'mobil',
    'mobilnummer',
    'mobiltelefon',
    'portable',
    'telportable',
    'telephoneportable',
    'natel',
  ],
  landline: [
    'landline',
    'homephone',
    'vastnummer',
    'vasttelefoonnummer',
    'vast',
    'vastetelefoon',
    'festnetz',
    'festnetznummer',
    'telfixe',
    'telephonefixe',
    'fixe',
  ],
  phone2: [
    'phone2',
    'tel2',
    'telefoon2',
    'telefoonnummer2',
    'tweedetelefoon',
    'tweedetelefoonnummer',
    'telephone2',
    'autretelephone',
    'telefon2',
    'zweitetelefonnummer',
    'secondphone',
    'otherphone',
  ],
  birthDate: [
    'birthdate',
    'dateofbirth',
    'dob',
    'birthday',
    'geboortedatum',
    'geboortedag',
    'verjaardag',
    'datedenaissance',
    'datenaissance',
    'naissance',
    'geburtsdatum',
    'geburtstag',
  ],
  street: [
    'street',
    'streetname',
    'address',
    'address1',
    'straat',
    'straatnaam',
    'adres',
    'rue',
    'adresse',
    'strasse',
    'str',
  ],
  houseNumber: [
    'housenumber',
    'houseno',
    'huisnummer',
    'huisnr',
    'nummer',
    'nr',
    'numero',
    'no',
    'hausnummer',
    'hausnr',
  ],
  postalCode: [
    'postalcode',
    'postcode',
    'zip',
    'zipcode',
    'postnummer',
    'codepostal',
    'cp',
    'plz',
    'postleitzahl',
  ],
  city: [
    'city',
    'town',
    'gemeente',
    'woonplaats',
    'plaats',
    'stad',
    'ville',
    'localite',
    'commune',
    'ort',
    'stadt',
    'wohnort',
    'stadt22',
  ],
  country: ['country', 'land', 'pays', 'staat'],
  language: ['language', 'taal', 'langue', 'sprache'],
  vatNumber: [
    'vatnumber',
    'vat',
    'vatno',
    'btwnummer',
    'btw',
    'btwnr',
    'tva',
    'numerotva',
    'ustidnr',
    'ustid',
    'ustidnummer',
    'mwst',
  ],
  statusLabel: ['statuslabel', 'status', 'klantstatus', 'statut', 'statutclient', 'kundenstatus'],
  newsletterConsent: ['newsletterconsent', 'newsletter', 'nieuwsbrief', 'infolettre', 'optin', 'marketing'],
  notes: [
    'notes',
    'note',
    'notities',
    'notitie',
    'opmerking',
    'opmerkingen',
    'commentaar',
    'remarque',
    'remarques',
    'commentaire',
    'bemerkung',
    'bemerkungen',
    'notizen',
    'kommentar',
    'comments',
    'comment',
  ],
  fullName: [
    'fullname',
    'volledigenaam',
    'nomcomplet',
    'vollstandigername',
    'klantnaam',
    'nomduclient',
    'kundenname',
    'customername',
    'klant',
    'client',
    'kunde',
    'customer',
  ],
  // Ambiguous words, resolved by the rules in the comment above.
  name: ['naam', 'name', 'nom'],
  phone: [
    'phone',
    'phonenumber',
    'telephone',
    'tel',
    'telefoon',
    'telefoonnummer',
    'telefon',
    'telefonnummer',
    'telnr',
    'telefoonnr',
  ],
};

const LOOKUP = new Map<string, keyof typeof SYNONYMS>();
for (const [target, words] of Object.entries(SYNONYMS) as [keyof typeof SYNONYMS, readonly string[]][]) {
  for (const w of words) if (!LOOKUP.has(w)) LOOKUP.set(w, target);
}

/** The suggested target of every column of a header. */
export function suggestMapping(header: readonly string[]): ColumnMapping {
  const raw = header.map((h) => LOOKUP.get(normaliseHeader(h)) ?? null);
  const hasFirst = raw.includes('firstName');
  const hasMobile = raw.includes('mobile');
  const taken = new Set<ImportTarget>();
  return raw.map((word) => {
    let target: ImportTarget | null;
    if (word === 'name') target = hasFirst ? 'lastName' : 'fullName';
    else if (word === 'phone') target = hasMobile ? 'landline' : 'mobile';
    else target = word;
    // A second generic phone column becomes the second phone.
    if (target === 'landline' && taken.has('landline') && word === 'phone') target = 'phone2';
    if (target === 'mobile' && taken.has('mobile') && word === 'phone') target = 'phone2';
    if (target === null || taken.has(target)) return null;
    taken.add(target);
    return target;
  });
}

export type MappingProblem =
  | { code: 'import.mapping_length'; params: { expected: number } }
  | { code: 'import.mapping_twice'; params: { target: string } }
  | { code: 'import.mapping_no_name'; params: Record<string, never> };

/** Whether a mapping can be used for this header: one target per column, each at most once, a name. */
export function mappingProblem(mapping: ColumnMapping, columns: number): MappingProblem | null {
  if (mapping.length !== columns) return { code: 'import.mapping_length', params: { expected: columns } };
  const seen = new Set<string>();
  for (const target of mapping) {
    if (target === null) continue;
    if (seen.has(target)) return { code: 'import.mapping_twice', params: { target } };
    seen.add(target);
  }
  const named = ['firstName', 'lastName', 'displayName', 'fullName'].some((t) => seen.has(t));
  if (!named) return { code: 'import.mapping_no_name', params: {} };
  if (seen.has('fullName') && (seen.has('firstName') || seen.has('lastName'))) {
    return { code: 'import.mapping_twice', params: { target: 'fullName' } };
  }
  return null;
}
