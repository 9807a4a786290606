/**
 * One sentence per field reason, in the four languages of the staff app. Placeholders {a} and {b} are the
 * two records' values.
 */
import type { PairResult } from './score.ts';

export type Lang = 'nl' | 'fr' | 'de' | 'en';

type Messages = Record<string, string>;

const EN: Messages = {
  'firstName.exact': 'Same first name: {a}',
  'firstName.nickname': '{a} and {b} are forms of the same first name',
  'firstName.fuzzyHigh': 'First names spelled almost the same: {a} / {b}',
  'firstName.phonetic': 'First names sound alike: {a} / {b}',
  'firstName.fuzzyLow': 'First names look somewhat alike: {a} / {b}',
  'firstName.initial': 'First name initial matches: {a} / {b}',
  'firstName.different': 'Different first names: {a} / {b}',
  'lastName.exact': 'Same last name: {a}',
  'lastName.fuzzyHigh': 'Last names spelled almost the same: {a} / {b}',
  'lastName.phonetic': 'Last names sound alike: {a} / {b}',
  'lastName.fuzzyLow': 'Last names look somewhat alike: {a} / {b}',
  'lastName.different': 'Different last names: {a} / {b}',
  'email.exact': 'Same e-mail address: {a}',
  'email.sameLocal': 'Same e-mail name at another provider: {a} / {b}',
  'email.fuzzyLocal': 'E-mail addresses almost the same: {a} / {b}',
  'email.different': 'Different e-mail addresses',
  'phone.exact': 'Same phone number',
  'phone.exactMobile': 'Same mobile number',
  'phone.oneDigit': 'Phone numbers differ by one digit',
  'phone.different': 'Different phone numbers',
  'birthDate.exact': 'Same birth date',
  'birthDate.swapped': 'Birth dates with day and month swapped',
  'birthDate.oneDigit': 'Birth dates differ by one digit',
  'birthDate.sameYear': 'Born in the same year, on another day',
  'birthDate.different': 'Different birth dates',
  'birthDate.farApart': 'Birth dates many years apart',
  'street.exact': 'Same address: {a}',
  'street.sameStreet': 'Same street, another house number',
  'street.similarStreet': 'Street names almost the same: {a} / {b}',
  'street.different': 'Different streets',
  'place.postalAndCity': 'Same postal code and town',
  'place.postal': 'Same postal code',
  'place.city': 'Same town',
  'place.different': 'Different town',
  'gender.same': 'Same gender',
  'gender.childAdult': 'One is a child, the other an adult',
  'gender.conflict': 'Different gender',
  'nameOrder.swapped': 'First and last name swapped: {a} / {b}',
  'household.firstName': 'Different people in one household: their first names differ',
  'household.birthDate': 'Different people in one household: born many years apart',
  'household.gender': 'Different people in one household: a man and a woman',
  'household.childAdult': 'Different people in one household: a child and an adult',
};

const NL: Messages = {
  'firstName.exact': 'Zelfde voornaam: {a}',
  'firstName.nickname': '{a} en {b} zijn vormen van dezelfde voornaam',
  'firstName.fuzzyHigh': 'Voornamen bijna hetzelfde geschreven: {a} / {b}',
  'firstName.phonetic': 'Voornamen klinken hetzelfde: {a} / {b}',
  'firstName.fuzzyLow': 'Voornamen lijken wat op elkaar: {a} / {b}',
  'firstName.initial': 'Voorletter komt overeen: {a} / {b}',
  'firstName.different': 'Andere voornamen: {a} / {b}',
  'lastName.exact': 'Zelfde achternaam: {a}',
  'lastName.fuzzyHigh': 'Achternamen bijna hetzelfde geschreven: {a} / {b}',
  'lastName.phonetic': 'Achternamen klinken hetzelfde: {a} / {b}',
  'lastName.fuzzyLow': 'Achternamen lijken wat op elkaar: {a} / {b}',
  'lastName.different': 'Andere achternamen: {a} / {b}',
  'email.exact': 'Zelfde e-mailadres: {a}',
  'email.sameLocal': 'Zelfde e-mailnaam bij een andere provider: {a} / {b}',
  'email.fuzzyLocal': 'E-mailadressen bijna hetzelfde: {a} / {b}',
  'email.different': 'Andere e-mailadressen',
  'phone.exact': 'Zelfde telefoonnummer',
  'phone.exactMobile': 'Zelfde gsm-nummer',
  'phone.oneDigit': 'Telefoonnummers verschillen in één cijfer',
  'phone.different': 'Andere telefoonnummers',
  'birthDate.exact': 'Zelfde geboortedatum',
  'birthDate.swapped': 'Geboortedatums met dag en maand omgewisseld',
  'birthDate.oneDigit': 'Geboortedatums verschillen in één cijfer',
  'birthDate.sameYear': 'Geboren in hetzelfde jaar, op een andere dag',
  'birthDate.different': 'Andere geboortedatums',
  'birthDate.farApart': 'Geboortedatums liggen jaren uit elkaar',
  'street.exact': 'Zelfde adres: {a}',
  'street.sameStreet': 'Zelfde straat, ander huisnummer',
  'street.similarStreet': 'Straatnamen bijna hetzelfde: {a} / {b}',
  'street.different': 'Andere straten',
  'place.postalAndCity': 'Zelfde postcode en gemeente',
  'place.postal': 'Zelfde postcode',
  'place.city': 'Zelfde gemeente',
  'place.different': 'Andere gemeente',
  'gender.same': 'Zelfde geslacht',
  'gender.childAdult': 'De ene is een kind, de andere een volwassene',
  'gender.conflict': 'Ander geslacht',
  'nameOrder.swapped': 'Voor- en achternaam omgewisseld: {a} / {b}',
  'household.firstName': 'Verschillende personen in één gezin: andere voornamen',
  'household.birthDate': 'Verschillende personen in één gezin: jaren na elkaar geboren',
  'household.gender': 'Verschillende personen in één gezin: een man en een vrouw',
  'household.childAdult': 'Verschillende personen in één gezin: een kind en een volwassene',
};

const FR: Messages = {
  'firstName.exact': 'Même prénom : {a}',
  'firstName.nickname': '{a} et {b} sont des formes du même prénom',
  'firstName.fuzzyHigh': 'Prénoms presque identiques : {a} / {b}',
  'firstName.phonetic': 'Les prénoms se prononcent pareil : {a} / {b}',
  'firstName.fuzzyLow': 'Prénoms assez semblables : {a} / {b}',
  'firstName.initial': "L'initiale du prénom correspond : {a} / {b}",
  'firstName.different': 'Prénoms différents : {a} / {b}',
  'lastName.exact': 'Même nom : {a}',
  'lastName.fuzzyHigh': 'Noms presque identiques : {a} / {b}',
  'lastName.phonetic': 'Les noms se prononcent pareil : {a} / {b}',
  'lastName.fuzzyLow': 'Noms assez semblables : {a} / {b}',
  'lastName.different': 'Noms différents : {a} / {b}',
  'email.exact': 'Même adresse e-mail : {a}',
  'email.sameLocal': 'Même nom d’e-mail chez un autre fournisseur : {a} / {b}',
  'email.fuzzyLocal': 'Adresses e-mail presque identiques : {a} / {b}',
  'email.different': 'Adresses e-mail différentes',
  'phone.exact': 'Même numéro de téléphone',
  'phone.exactMobile': 'Même numéro de portable',
  'phone.oneDigit': "Numéros de téléphone différents d'un chiffre",
  'phone.different': 'Numéros de téléphone différents',
  'birthDate.exact': 'Même date de naissance',
  'birthDate.swapped': 'Dates de naissance avec jour et mois inversés',
  'birthDate.oneDigit': "Dates de naissance différentes d'un chiffre",
  'birthDate.sameYear': 'Nés la même année, un autre jour',
  'birthDate.different': 'Dates de naissance différentes',
  'birthDate.farApart': 'Dates de naissance à plusieurs années d’écart',
  'street.exact': 'Même adresse : {a}',
  'street.sameStreet': 'Même rue, autre numéro',
  'street.similarStreet': 'Noms de rue presque identiques : {a} / {b}',
  'street.different': 'Rues différentes',
  'place.postalAndCity': 'Même code postal et même commune',
  'place.postal': 'Même code postal',
  'place.city': 'Même commune',
  'place.different': 'Autre commune',
  'gender.same': 'Même sexe',
  'gender.childAdult': "L'un est un enfant, l'autre un adulte",
  'gender.conflict': 'Sexe différent',
  'nameOrder.swapped': 'Prénom et nom inversés : {a} / {b}',
  'household.firstName': 'Personnes différentes d’un même ménage : prénoms différents',
  'household.birthDate': 'Personnes différentes d’un même ménage : nées à des années d’écart',
  'household.gender': 'Personnes différentes d’un même ménage : un homme et une femme',
  'household.childAdult': 'Personnes différentes d’un même ménage : un enfant et un adulte',
};

const DE: Messages = {
  'firstName.exact': 'Gleicher Vorname: {a}',
  'firstName.nickname': '{a} und {b} sind Formen desselben Vornamens',
  'firstName.fuzzyHigh': 'Vornamen fast gleich geschrieben: {a} / {b}',
  'firstName.phonetic': 'Vornamen klingen gleich: {a} / {b}',
  'firstName.fuzzyLow': 'Vornamen ähneln sich: {a} / {b}',
  'firstName.initial': 'Anfangsbuchstabe des Vornamens stimmt: {a} / {b}',
  'firstName.different': 'Verschiedene Vornamen: {a} / {b}',
  'lastName.exact': 'Gleicher Nachname: {a}',
  'lastName.fuzzyHigh': 'Nachnamen fast gleich geschrieben: {a} / {b}',
  'lastName.phonetic': 'Nachnamen klingen gleich: {a} / {b}',
  'lastName.fuzzyLow': 'Nachnamen ähneln sich: {a} / {b}',
  'lastName.different': 'Verschiedene Nachnamen: {a} / {b}',
  'email.exact': 'Gleiche E-Mail-Adresse: {a}',
  'email.sameLocal': 'Gleicher E-Mail-Name bei einem anderen Anbieter: {a} / {b}',
  'email.fuzzyLocal': 'E-Mail-Adressen fast gleich: {a} / {b}',
  'email.different': 'Verschiedene E-Mail-Adressen',
  'phone.exact': 'Gleiche Telefonnummer',
  'phone.exactMobile': 'Gleiche Handynummer',
  'phone.oneDigit': 'Telefonnummern unterscheiden sich in einer Ziffer',
  'phone.different': 'Verschiedene Telefonnummern',
  'birthDate.exact': 'Gleiches Geburtsdatum',
  'birthDate.swapped': 'Geburtsdaten mit vertauschtem Tag und Monat',
  'birthDate.oneDigit': 'Geburtsdaten unterscheiden sich in einer Ziffer',
  'birthDate.sameYear': 'Im selben Jahr geboren, an einem anderen Tag',
  'birthDate.different': 'Verschiedene Geburtsdaten',
  'birthDate.farApart': 'Geburtsdaten liegen Jahre auseinander',
  'street.exact': 'Gleiche Adresse: {a}',
  'street.sameStreet': 'Gleiche Straße, andere Hausnummer',
  'street.similarStreet': 'Straßennamen fast gleich: {a} / {b}',
  'street.different': 'Verschiedene Straßen',
  'place.postalAndCity': 'Gleiche Postleitzahl und gleicher Ort',
  'place.postal': 'Gleiche Postleitzahl',
  'place.city': 'Gleicher Ort',
  'place.different': 'Anderer Ort',
  'gender.same': 'Gleiches Geschlecht',
  'gender.childAdult': 'Eine Person ist ein Kind, die andere erwachsen',
  'gender.conflict': 'Anderes Geschlecht',
  'nameOrder.swapped': 'Vor- und Nachname vertauscht: {a} / {b}',
  'household.firstName': 'Verschiedene Personen eines Haushalts: andere Vornamen',
  'household.birthDate': 'Verschiedene Personen eines Haushalts: Jahre auseinander geboren',
  'household.gender': 'Verschiedene Personen eines Haushalts: ein Mann und eine Frau',
  'household.childAdult': 'Verschiedene Personen eines Haushalts: ein Kind und ein Erwachsener',
};

export const MESSAGES: Readonly<Record<Lang, Messages>> = { en: EN, nl: NL, fr: FR, de: DE };

/** One sentence for a message key, or null when the key has no text (missing fields). */
export function message(lang: Lang, key: string, params: Record<string, string | number>): string | null {
  const template = MESSAGES[lang][key] ?? null;
  if (template === null) return null;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** The reasons of a scored pair as sentences, strongest evidence first; missing fields are left out. */
export function explain(result: PairResult, lang: Lang): string[] {
  return result.fields
    .filter((f) => f.level !== 'missing')
    .slice()
    .sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight))
    .flatMap((f) => {
      const text = message(lang, f.messageKey, f.params);
      return text === null ? [] : [text];
    });
}
