import { registerFieldLabels, registerMessages } from '../shared/messages.ts';

registerMessages({
  'entity.customer': { en: 'customer', nl: 'klant', fr: 'client', de: 'Kunde' },
  name_required: {
    en: 'Enter a first name, a last name or a display name.',
    nl: 'Vul een voornaam, familienaam of weergavenaam in.',
    fr: "Saisissez un prénom, un nom ou un nom d'affichage.",
    de: 'Geben Sie einen Vornamen, Nachnamen oder Anzeigenamen ein.',
  },
  phone_required: {
    en: 'A phone number is required (mobile, landline or second phone).',
    nl: 'Een telefoonnummer is verplicht (gsm, vast nummer of tweede nummer).',
    fr: 'Un numéro de téléphone est obligatoire (portable, fixe ou second numéro).',
    de: 'Eine Telefonnummer ist erforderlich (Handy, Festnetz oder zweite Nummer).',
  },
  invalid_phone: {
    en: '{field} is not a valid phone number (read as a number from {country}).',
    nl: '{field} is geen geldig telefoonnummer (gelezen als nummer uit {country}).',
    fr: "{field} n'est pas un numéro de téléphone valide (lu comme un numéro de {country}).",
    de: '{field} ist keine gültige Telefonnummer (gelesen als Nummer aus {country}).',
  },
  invalid_date: {
    en: '{field} is not a real date (use YYYY-MM-DD).',
    nl: '{field} is geen bestaande datum (gebruik JJJJ-MM-DD).',
    fr: "{field} n'est pas une date réelle (utilisez AAAA-MM-JJ).",
    de: '{field} ist kein gültiges Datum (verwenden Sie JJJJ-MM-TT).',
  },
  birth_date_future: {
    en: 'The birth date lies in the future.',
    nl: 'De geboortedatum ligt in de toekomst.',
    fr: 'La date de naissance est dans le futur.',
    de: 'Das Geburtsdatum liegt in der Zukunft.',
  },
  birth_date_too_old: {
    en: 'The birth date lies before 1900.',
    nl: 'De geboortedatum ligt vóór 1900.',
    fr: 'La date de naissance est antérieure à 1900.',
    de: 'Das Geburtsdatum liegt vor 1900.',
  },
  invalid_gender: {
    en: '{field} must be female, male, diverse or child.',
    nl: '{field} moet vrouw, man, divers of kind zijn.',
    fr: '{field} doit être femme, homme, divers ou enfant.',
    de: '{field} muss weiblich, männlich, divers oder Kind sein.',
  },
  invalid_country_code: {
    en: '{field} must be a two-letter country code such as BE, NL or DE.',
    nl: '{field} moet een landcode van twee letters zijn, zoals BE, NL of DE.',
    fr: '{field} doit être un code pays à deux lettres, comme BE, NL ou DE.',
    de: '{field} muss ein zweistelliger Ländercode wie BE, NL oder DE sein.',
  },
  invalid_vat_number: {
    en: '{field} is not a VAT number (country code and digits, e.g. BE0123456789).',
    nl: '{field} is geen btw-nummer (landcode en cijfers, bv. BE0123456789).',
    fr: "{field} n'est pas un numéro de TVA (code pays et chiffres, p. ex. BE0123456789).",
    de: '{field} ist keine USt-IdNr. (Ländercode und Ziffern, z. B. DE123456789).',
  },
  version_conflict: {
    en: 'Someone else changed this customer in the meantime; review their changes before saving again.',
    nl: 'Iemand anders heeft deze klant intussen gewijzigd; bekijk die wijzigingen voor u opnieuw opslaat.',
    fr: "Quelqu'un d'autre a modifié ce client entre-temps ; vérifiez ses modifications avant d'enregistrer à nouveau.",
    de: 'Jemand anderes hat diesen Kunden inzwischen geändert; prüfen Sie die Änderungen, bevor Sie erneut speichern.',
  },
  customer_merged: {
    en: 'This customer was merged into another profile; edit that profile instead.',
    nl: 'Deze klant is samengevoegd met een ander profiel; bewerk dat profiel.',
    fr: 'Ce client a été fusionné avec un autre profil ; modifiez plutôt ce profil.',
    de: 'Dieser Kunde wurde mit einem anderen Profil zusammengeführt; bearbeiten Sie stattdessen dieses Profil.',
  },
});

registerFieldLabels({
  gender: { en: 'Gender', nl: 'Geslacht', fr: 'Genre', de: 'Geschlecht' },
  firstName: { en: 'First name', nl: 'Voornaam', fr: 'Prénom', de: 'Vorname' },
  lastName: { en: 'Last name', nl: 'Familienaam', fr: 'Nom', de: 'Nachname' },
  displayName: { en: 'Display name', nl: 'Weergavenaam', fr: "Nom d'affichage", de: 'Anzeigename' },
  mobile: { en: 'Mobile', nl: 'Gsm', fr: 'Portable', de: 'Handy' },
  landline: { en: 'Landline', nl: 'Vast nummer', fr: 'Téléphone fixe', de: 'Festnetz' },
  phone2: { en: 'Second phone', nl: 'Tweede telefoon', fr: 'Second téléphone', de: 'Zweites Telefon' },
  birthDate: { en: 'Birth date', nl: 'Geboortedatum', fr: 'Date de naissance', de: 'Geburtsdatum' },
  street: { en: 'Street', nl: 'Straat', fr: 'Rue', de: 'Straße' },
  houseNumber: { en: 'House number', nl: 'Huisnummer', fr: 'Numéro', de: 'Hausnummer' },
  postalCode: { en: 'Postal code', nl: 'Postcode', fr: 'Code postal', de: 'PLZ' },
  city: { en: 'City', nl: 'Gemeente', fr: 'Localité', de: 'Ort' },
  vatNumber: { en: 'VAT number', nl: 'Btw-nummer', fr: 'Numéro de TVA', de: 'USt-IdNr.' },
  statusLabel: { en: 'Status', nl: 'Klantstatus', fr: 'Statut', de: 'Status' },
  newsletterConsent: { en: 'Newsletter', nl: 'Nieuwsbrief', fr: 'Newsletter', de: 'Newsletter' },
  notes: { en: 'Notes', nl: 'Notities', fr: 'Notes', de: 'Notizen' },
  version: { en: 'Version', nl: 'Versie', fr: 'Version', de: 'Version' },
});
