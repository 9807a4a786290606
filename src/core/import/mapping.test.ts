import { describe, expect, it } from 'vitest';
import { FULL_COLUMNS } from '../../../bench/generator/csv.ts';
import { mappingProblem, suggestMapping } from './mapping.ts';

describe('suggested column mapping', () => {
  it('reads Dutch, French, German and English headers', () => {
    expect(
      suggestMapping(['Voornaam', 'Familie naam', 'GSM', 'E-mail', 'Geboortedatum', 'Postcode', 'Gemeente']),
    ).toEqual(['firstName', 'lastName', 'mobile', 'email', 'birthDate', 'postalCode', 'city']);
    expect(suggestMapping(['Prénom', 'Nom', 'Portable', 'Téléphone', 'Code postal', 'Localité'])).toEqual([
      'firstName',
      'lastName',
      'mobile',
      'landline',
      'postalCode',
      'city',
    ]);
    expect(
      suggestMapping(['Anrede', 'Vorname', 'Nachname', 'Handy', 'Straße', 'Hausnr.', 'PLZ', 'Ort']),
    ).toEqual(['gender', 'firstName', 'lastName', 'mobile', 'street', 'houseNumber', 'postalCode', 'city']);
  });

  it('reads "Naam" as the full name alone and as the surname beside a first name', () => {
    expect(suggestMapping(['Naam', 'Telefoon'])).toEqual(['fullName', 'mobile']);
    expect(suggestMapping(['Voornaam', 'Naam'])).toEqual(['firstName', 'lastName']);
  });

  it('gives a field to one column only and leaves unknown columns out', () => {
    expect(suggestMapping(['Email', 'Mail', 'Klantnummer', 'Tel', 'Telefoon'])).toEqual([
      'email',
      null,
      null,
      'mobile',
      'phone2',
    ]);
  });

  it("maps the generator's full export without taking the customer number for a house number", () => {
    const mapping = suggestMapping([...FULL_COLUMNS]);
    const byColumn = Object.fromEntries(FULL_COLUMNS.map((c, i) => [c, mapping[i]]));
    expect(byColumn).toMatchObject({
      id: null,
      number: null,
      first_name: 'firstName',
      house_number: 'houseNumber',
      newsletter_consent: 'newsletterConsent',
      newsletter_consent_at: null,
      source: null,
    });
  });
});

describe('mapping checks', () => {
  it('needs one entry per column, each field once, and a name', () => {
    expect(mappingProblem(['firstName'], 2)?.code).toBe('import.mapping_length');
    expect(mappingProblem(['email', 'email'], 2)?.code).toBe('import.mapping_twice');
    expect(mappingProblem(['email', null], 2)?.code).toBe('import.mapping_no_name');
    expect(mappingProblem(['fullName', 'lastName'], 2)?.code).toBe('import.mapping_twice');
    expect(mappingProblem(['fullName', 'email'], 2)).toBeNull();
  });
});
