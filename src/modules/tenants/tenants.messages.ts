import { registerFieldLabels, registerMessages } from '../shared/messages.ts';

registerMessages({
  'entity.tenant': { en: 'business', nl: 'zaak', fr: 'entreprise', de: 'Betrieb' },
  invalid_slug: {
    en: 'The short name may use lower-case letters, digits and dashes (2 to 40).',
    nl: 'De korte naam mag kleine letters, cijfers en streepjes bevatten (2 tot 40).',
    fr: 'Le nom court peut contenir des minuscules, des chiffres et des tirets (2 à 40).',
    de: 'Der Kurzname darf Kleinbuchstaben, Ziffern und Bindestriche enthalten (2 bis 40).',
  },
  invalid_country: {
    en: '{field} must be one of BE, NL, DE, LU, FR, AT, CH.',
    nl: '{field} moet een van BE, NL, DE, LU, FR, AT, CH zijn.',
    fr: "{field} doit être l'un de BE, NL, DE, LU, FR, AT, CH.",
    de: '{field} muss einer von BE, NL, DE, LU, FR, AT, CH sein.',
  },
  invalid_language: {
    en: '{field} must be nl, fr, de or en.',
    nl: '{field} moet nl, fr, de of en zijn.',
    fr: '{field} doit être nl, fr, de ou en.',
    de: '{field} muss nl, fr, de oder en sein.',
  },
  slug_taken: {
    en: 'The short name "{slug}" is already in use.',
    nl: 'De korte naam "{slug}" is al in gebruik.',
    fr: 'Le nom court « {slug} » est déjà utilisé.',
    de: 'Der Kurzname „{slug}“ ist bereits vergeben.',
  },
  staff_email_taken: {
    en: 'A staff member with this e-mail address already exists.',
    nl: 'Er bestaat al een medewerker met dit e-mailadres.',
    fr: 'Un collaborateur avec cette adresse e-mail existe déjà.',
    de: 'Es gibt bereits einen Mitarbeiter mit dieser E-Mail-Adresse.',
  },
  threshold_order: {
    en: 'The "possible duplicate" threshold must be lower than the "certain" threshold.',
    nl: 'De drempel voor "mogelijk duplicaat" moet lager zijn dan die voor "zeker".',
    fr: 'Le seuil « doublon possible » doit être inférieur au seuil « certain ».',
    de: 'Die Schwelle für „mögliches Duplikat“ muss unter der für „sicher“ liegen.',
  },
});

registerFieldLabels({
  slug: { en: 'Short name', nl: 'Korte naam', fr: 'Nom court', de: 'Kurzname' },
  country: { en: 'Country', nl: 'Land', fr: 'Pays', de: 'Land' },
  possibleThreshold: {
    en: 'Possible duplicate threshold',
    nl: 'Drempel mogelijk duplicaat',
    fr: 'Seuil de doublon possible',
    de: 'Schwelle mögliches Duplikat',
  },
  certainThreshold: {
    en: 'Certain threshold',
    nl: 'Drempel zeker',
    fr: 'Seuil certain',
    de: 'Schwelle sicher',
  },
  undoWindowDays: {
    en: 'Undo window (days)',
    nl: 'Termijn voor ongedaan maken (dagen)',
    fr: "Délai d'annulation (jours)",
    de: 'Frist zum Rückgängigmachen (Tage)',
  },
});
