import { registerFieldLabels, registerMessages } from '../shared/messages.ts';

registerMessages({
  'entity.appointment': { en: 'appointment', nl: 'afspraak', fr: 'rendez-vous', de: 'Termin' },
  'appointment.customer_required': {
    en: 'Choose an existing customer or enter a new one (not both).',
    nl: 'Kies een bestaande klant of vul een nieuwe in (niet beide).',
    fr: 'Choisissez un client existant ou saisissez-en un nouveau (pas les deux).',
    de: 'Wählen Sie einen bestehenden Kunden oder geben Sie einen neuen ein (nicht beides).',
  },
  'appointment.end_before_start': {
    en: 'The appointment must end after it starts.',
    nl: 'De afspraak moet eindigen na het begin.',
    fr: 'Le rendez-vous doit se terminer après son début.',
    de: 'Der Termin muss nach seinem Beginn enden.',
  },
  'appointment.too_long': {
    en: 'An appointment lasts at most {maximum} minutes.',
    nl: 'Een afspraak duurt hoogstens {maximum} minuten.',
    fr: 'Un rendez-vous dure au plus {maximum} minutes.',
    de: 'Ein Termin dauert höchstens {maximum} Minuten.',
  },
  'appointment.not_booked': {
    en: 'This appointment was cancelled or completed already and can no longer be changed.',
    nl: 'Deze afspraak is al geannuleerd of afgerond en kan niet meer gewijzigd worden.',
    fr: 'Ce rendez-vous est déjà annulé ou terminé et ne peut plus être modifié.',
    de: 'Dieser Termin wurde bereits abgesagt oder abgeschlossen und kann nicht mehr geändert werden.',
  },
  'appointment.empty_range': {
    en: 'The end of the period must come after its start.',
    nl: 'Het einde van de periode moet na het begin komen.',
    fr: 'La fin de la période doit suivre son début.',
    de: 'Das Ende des Zeitraums muss nach seinem Beginn liegen.',
  },
  'appointment.range_too_long': {
    en: 'The agenda shows at most {maximum} days at once.',
    nl: 'De agenda toont hoogstens {maximum} dagen tegelijk.',
    fr: "L'agenda affiche au plus {maximum} jours à la fois.",
    de: 'Der Kalender zeigt höchstens {maximum} Tage auf einmal.',
  },
});

registerFieldLabels({
  startAt: { en: 'Start', nl: 'Begin', fr: 'Début', de: 'Beginn' },
  endAt: { en: 'End', nl: 'Einde', fr: 'Fin', de: 'Ende' },
  durationMinutes: { en: 'Duration', nl: 'Duur', fr: 'Durée', de: 'Dauer' },
  service: { en: 'Service', nl: 'Behandeling', fr: 'Prestation', de: 'Leistung' },
  staffMember: { en: 'Staff member', nl: 'Medewerker', fr: 'Collaborateur', de: 'Mitarbeiter' },
  priceCents: { en: 'Price', nl: 'Prijs', fr: 'Prix', de: 'Preis' },
  customerId: { en: 'Customer', nl: 'Klant', fr: 'Client', de: 'Kunde' },
  phone: { en: 'Phone', nl: 'Telefoon', fr: 'Téléphone', de: 'Telefon' },
  from: { en: 'From', nl: 'Van', fr: 'Du', de: 'Von' },
  to: { en: 'To', nl: 'Tot', fr: 'Au', de: 'Bis' },
});
