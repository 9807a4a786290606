import { registerFieldLabels, registerMessages } from '../shared/messages.ts';

registerMessages({
  'entity.booking_request': {
    en: 'booking request',
    nl: 'boekingsaanvraag',
    fr: 'demande de réservation',
    de: 'Buchungsanfrage',
  },
  'entity.booking_service': { en: 'service', nl: 'behandeling', fr: 'prestation', de: 'Leistung' },
  'booking.unknown_service': {
    en: 'Choose one of the services on the page.',
    nl: 'Kies een van de behandelingen op de pagina.',
    fr: "Choisissez l'une des prestations de la page.",
    de: 'Wählen Sie eine der Leistungen auf der Seite.',
  },
  'booking.wished_in_past': {
    en: 'Choose a date and time in the future.',
    nl: 'Kies een datum en uur in de toekomst.',
    fr: "Choisissez une date et une heure dans l'avenir.",
    de: 'Wählen Sie ein Datum und eine Uhrzeit in der Zukunft.',
  },
  'booking.wished_too_far': {
    en: 'Choose a date within the next {maximum} days.',
    nl: 'Kies een datum binnen de komende {maximum} dagen.',
    fr: 'Choisissez une date dans les {maximum} prochains jours.',
    de: 'Wählen Sie ein Datum innerhalb der nächsten {maximum} Tage.',
  },
  'booking.contact_required': {
    en: 'Enter an e-mail address or a phone number, so the salon can reach you.',
    nl: 'Vul een e-mailadres of telefoonnummer in, zodat de zaak u kan bereiken.',
    fr: "Saisissez une adresse e-mail ou un numéro de téléphone, pour que l'établissement puisse vous joindre.",
    de: 'Geben Sie eine E-Mail-Adresse oder Telefonnummer an, damit der Betrieb Sie erreichen kann.',
  },
  'booking.already_decided': {
    en: 'This request was confirmed or declined already.',
    nl: 'Deze aanvraag is al bevestigd of geweigerd.',
    fr: 'Cette demande a déjà été confirmée ou refusée.',
    de: 'Diese Anfrage wurde bereits bestätigt oder abgelehnt.',
  },
  'booking.not_a_difference': {
    en: 'Only values that differ from the profile can be taken over ({field}).',
    nl: 'Alleen waarden die van het profiel verschillen, kunnen overgenomen worden ({field}).',
    fr: 'Seules les valeurs qui diffèrent du profil peuvent être reprises ({field}).',
    de: 'Nur Werte, die vom Profil abweichen, können übernommen werden ({field}).',
  },
  'booking.service_name_taken': {
    en: 'A service with this name already exists.',
    nl: 'Er bestaat al een behandeling met deze naam.',
    fr: 'Une prestation porte déjà ce nom.',
    de: 'Es gibt bereits eine Leistung mit diesem Namen.',
  },
});

registerFieldLabels({
  wishedStart: { en: 'Date and time', nl: 'Datum en uur', fr: 'Date et heure', de: 'Datum und Uhrzeit' },
  note: { en: 'Note', nl: 'Opmerking', fr: 'Remarque', de: 'Bemerkung' },
  takeOver: { en: 'Take over', nl: 'Overnemen', fr: 'Reprendre', de: 'Übernehmen' },
  website: { en: 'Website', nl: 'Website', fr: 'Site web', de: 'Website' },
});
