/** Error sentences of the duplicates module, in the four languages of the app. */
import { registerMessages } from '../shared/messages.ts';

registerMessages({
  'entity.duplicateGroup': {
    en: 'duplicate group',
    nl: 'groep dubbele klanten',
    fr: 'groupe de doublons',
    de: 'Dublettengruppe',
  },
  'entity.dismissal': {
    en: '"not a duplicate" decision',
    nl: 'beslissing "geen dubbele klant"',
    fr: 'décision « pas un doublon »',
    de: 'Entscheidung „keine Dublette“',
  },
  same_customer: {
    en: 'A customer cannot be a duplicate of itself: choose two different customers.',
    nl: 'Een klant kan geen dubbel van zichzelf zijn: kies twee verschillende klanten.',
    fr: 'Un client ne peut pas être son propre doublon : choisissez deux clients différents.',
    de: 'Ein Kunde kann keine Dublette von sich selbst sein: Wählen Sie zwei verschiedene Kunden.',
  },
  customer_not_live: {
    en: 'Customer {number} is archived or merged; only active customers can be marked as not a duplicate.',
    nl: 'Klant {number} is gearchiveerd of samengevoegd; alleen actieve klanten kunnen als "geen dubbel" worden gemarkeerd.',
    fr: 'Le client {number} est archivé ou fusionné ; seuls les clients actifs peuvent être marqués « pas un doublon ».',
    de: 'Kunde {number} ist archiviert oder zusammengeführt; nur aktive Kunden können als „keine Dublette“ markiert werden.',
  },
  group_not_open: {
    en: 'This duplicate group was already handled ({status}); run a new scan to review the file again.',
    nl: 'Deze groep werd al behandeld ({status}); start een nieuwe scan om het bestand opnieuw na te kijken.',
    fr: 'Ce groupe a déjà été traité ({status}) ; lancez une nouvelle analyse pour revoir le fichier.',
    de: 'Diese Gruppe wurde bereits bearbeitet ({status}); starten Sie einen neuen Scan, um die Datei erneut zu prüfen.',
  },
});
