import { registerFieldLabels, registerMessages } from '../shared/messages.ts';

registerMessages({
  'entity.message': { en: 'message', nl: 'bericht', fr: 'message', de: 'Nachricht' },
  message_already_sent: {
    en: 'This message was sent already.',
    nl: 'Dit bericht is al verstuurd.',
    fr: 'Ce message a déjà été envoyé.',
    de: 'Diese Nachricht wurde bereits gesendet.',
  },
  smtp_not_configured: {
    en: 'No mail server is configured (SMTP_URL); the message stays in the outbox.',
    nl: 'Er is geen mailserver ingesteld (SMTP_URL); het bericht blijft in de outbox.',
    fr: "Aucun serveur de messagerie n'est configuré (SMTP_URL) ; le message reste dans la boîte d'envoi.",
    de: 'Es ist kein Mailserver eingerichtet (SMTP_URL); die Nachricht bleibt im Postausgang.',
  },
});

registerFieldLabels({
  to: { en: 'Recipient', nl: 'Ontvanger', fr: 'Destinataire', de: 'Empfänger' },
  subject: { en: 'Subject', nl: 'Onderwerp', fr: 'Objet', de: 'Betreff' },
  message: { en: 'Message', nl: 'Bericht', fr: 'Message', de: 'Nachricht' },
  status: { en: 'Status', nl: 'Status', fr: 'Statut', de: 'Status' },
});
