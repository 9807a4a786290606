import { registerFieldLabels, registerMessages } from '../shared/messages.ts';

registerMessages({
  'entity.merge': { en: 'merge', nl: 'samenvoeging', fr: 'fusion', de: 'Zusammenführung' },
  'entity.duplicate_group': {
    en: 'duplicate group',
    nl: 'groep duplicaten',
    fr: 'groupe de doublons',
    de: 'Dublettengruppe',
  },
  merge_same_record: {
    en: 'Customer #{number} is listed twice: a customer cannot be merged with itself.',
    nl: 'Klant #{number} staat er twee keer in: een klant kan niet met zichzelf worden samengevoegd.',
    fr: 'Le client n° {number} figure deux fois : un client ne peut pas être fusionné avec lui-même.',
    de: 'Kunde Nr. {number} ist doppelt aufgeführt: Ein Kunde kann nicht mit sich selbst zusammengeführt werden.',
  },
  merge_too_few: {
    en: 'Choose at least two customers to merge.',
    nl: 'Kies minstens twee klanten om samen te voegen.',
    fr: 'Choisissez au moins deux clients à fusionner.',
    de: 'Wählen Sie mindestens zwei Kunden zum Zusammenführen.',
  },
  merge_too_many: {
    en: 'At most {max} customers can be merged at once.',
    nl: 'Er kunnen hoogstens {max} klanten tegelijk worden samengevoegd.',
    fr: 'Au maximum {max} clients peuvent être fusionnés à la fois.',
    de: 'Es können höchstens {max} Kunden auf einmal zusammengeführt werden.',
  },
  merge_deleted: {
    en: 'Customer #{number} has been deleted and cannot be merged.',
    nl: 'Klant #{number} is verwijderd en kan niet worden samengevoegd.',
    fr: 'Le client n° {number} a été supprimé et ne peut pas être fusionné.',
    de: 'Kunde Nr. {number} wurde gelöscht und kann nicht zusammengeführt werden.',
  },
  merge_already_merged: {
    en: 'Customer #{number} was already merged into another profile; merge that profile instead.',
    nl: 'Klant #{number} is al samengevoegd met een ander profiel; voeg dat profiel samen.',
    fr: 'Le client n° {number} a déjà été fusionné avec un autre profil ; fusionnez plutôt ce profil.',
    de: 'Kunde Nr. {number} wurde bereits mit einem anderen Profil zusammengeführt; führen Sie stattdessen dieses Profil zusammen.',
  },
  merge_archived: {
    en: 'Customer #{number} is archived; restore it before merging.',
    nl: 'Klant #{number} is gearchiveerd; zet hem terug voor u samenvoegt.',
    fr: 'Le client n° {number} est archivé ; restaurez-le avant de fusionner.',
    de: 'Kunde Nr. {number} ist archiviert; stellen Sie ihn vor dem Zusammenführen wieder her.',
  },
  merge_not_involved: {
    en: '{field} must be one of the customers being merged.',
    nl: '{field} moet een van de klanten zijn die worden samengevoegd.',
    fr: '{field} doit être l’un des clients fusionnés.',
    de: '{field} muss einer der zusammenzuführenden Kunden sein.',
  },
  merge_unknown_account: {
    en: 'Choose the login that stays among the online accounts of these customers.',
    nl: 'Kies de login die blijft uit de online accounts van deze klanten.',
    fr: 'Choisissez l’identifiant conservé parmi les comptes en ligne de ces clients.',
    de: 'Wählen Sie das verbleibende Login unter den Online-Konten dieser Kunden.',
  },
  merge_not_a_clash: {
    en: 'A merge can only cancel appointments that clash with an appointment of another of these customers.',
    nl: 'Een samenvoeging kan alleen afspraken annuleren die samenvallen met een afspraak van een andere van deze klanten.',
    fr: 'Une fusion ne peut annuler que des rendez-vous qui coïncident avec un rendez-vous d’un autre de ces clients.',
    de: 'Eine Zusammenführung kann nur Termine absagen, die sich mit einem Termin eines anderen dieser Kunden überschneiden.',
  },
  merge_preview_mismatch: {
    en: 'This merge is not the one that was previewed; preview it again before applying it.',
    nl: 'Deze samenvoeging is niet de samenvoeging die u bekeek; bekijk het voorbeeld opnieuw voor u ze uitvoert.',
    fr: 'Cette fusion n’est pas celle qui a été prévisualisée ; prévisualisez-la à nouveau avant de l’appliquer.',
    de: 'Diese Zusammenführung ist nicht die in der Vorschau gezeigte; sehen Sie sich die Vorschau erneut an, bevor Sie sie ausführen.',
  },
  merge_stale: {
    en: 'Customer #{number} ({name}) was changed after the preview; nothing was merged. Preview the merge again.',
    nl: 'Klant #{number} ({name}) is gewijzigd na het voorbeeld; er is niets samengevoegd. Bekijk het voorbeeld opnieuw.',
    fr: 'Le client n° {number} ({name}) a été modifié après l’aperçu ; rien n’a été fusionné. Prévisualisez à nouveau la fusion.',
    de: 'Kunde Nr. {number} ({name}) wurde nach der Vorschau geändert; es wurde nichts zusammengeführt. Sehen Sie sich die Vorschau erneut an.',
  },
  merge_already_undone: {
    en: 'This merge has already been undone.',
    nl: 'Deze samenvoeging is al ongedaan gemaakt.',
    fr: 'Cette fusion a déjà été annulée.',
    de: 'Diese Zusammenführung wurde bereits rückgängig gemacht.',
  },
  merge_undo_expired: {
    en: 'A merge can be undone for {days} days; this one is older.',
    nl: 'Een samenvoeging kan {days} dagen ongedaan worden gemaakt; deze is ouder.',
    fr: 'Une fusion peut être annulée pendant {days} jours ; celle-ci est plus ancienne.',
    de: 'Eine Zusammenführung kann {days} Tage lang rückgängig gemacht werden; diese ist älter.',
  },
  merge_undo_blocked: {
    en: 'Customer #{number} was merged again later (into #{survivor}); undo that merge first.',
    nl: 'Klant #{number} is later opnieuw samengevoegd (met #{survivor}); maak eerst die samenvoeging ongedaan.',
    fr: 'Le client n° {number} a été fusionné à nouveau plus tard (dans le n° {survivor}) ; annulez d’abord cette fusion.',
    de: 'Kunde Nr. {number} wurde später erneut zusammengeführt (mit Nr. {survivor}); machen Sie zuerst diese Zusammenführung rückgängig.',
  },
  merge_undo_customer_gone: {
    en: 'Customer #{number} has been deleted since the merge, so it can no longer be undone.',
    nl: 'Klant #{number} is sinds de samenvoeging verwijderd; ze kan niet meer ongedaan worden gemaakt.',
    fr: 'Le client n° {number} a été supprimé depuis la fusion ; elle ne peut plus être annulée.',
    de: 'Kunde Nr. {number} wurde seit der Zusammenführung gelöscht; sie kann nicht mehr rückgängig gemacht werden.',
  },
  merge_undo_login_taken: {
    en: 'The login {email} is now used by another online account; disable that account before undoing this merge.',
    nl: 'De login {email} wordt nu door een ander online account gebruikt; schakel dat account uit voor u deze samenvoeging ongedaan maakt.',
    fr: 'L’identifiant {email} est désormais utilisé par un autre compte en ligne ; désactivez ce compte avant d’annuler cette fusion.',
    de: 'Das Login {email} wird jetzt von einem anderen Online-Konto verwendet; deaktivieren Sie dieses Konto, bevor Sie die Zusammenführung rückgängig machen.',
  },
  merge_groups_changed: {
    en: 'Some duplicate groups are no longer open; preview the bulk merge again.',
    nl: 'Sommige groepen duplicaten zijn niet meer open; bekijk het voorbeeld van de bulksamenvoeging opnieuw.',
    fr: 'Certains groupes de doublons ne sont plus ouverts ; prévisualisez à nouveau la fusion groupée.',
    de: 'Einige Dublettengruppen sind nicht mehr offen; sehen Sie sich die Vorschau der Massenzusammenführung erneut an.',
  },
});

registerFieldLabels({
  ids: { en: 'Customers', nl: 'Klanten', fr: 'Clients', de: 'Kunden' },
  survivorId: { en: 'Main profile', nl: 'Hoofdprofiel', fr: 'Profil principal', de: 'Hauptprofil' },
  fingerprint: { en: 'Preview', nl: 'Voorbeeld', fr: 'Aperçu', de: 'Vorschau' },
  onlineAccount: { en: 'Online account', nl: 'Online account', fr: 'Compte en ligne', de: 'Online-Konto' },
  newsletter: { en: 'Newsletter', nl: 'Nieuwsbrief', fr: 'Newsletter', de: 'Newsletter' },
  cancelAppointments: {
    en: 'Appointments to cancel',
    nl: 'Te annuleren afspraken',
    fr: 'Rendez-vous à annuler',
    de: 'Abzusagende Termine',
  },
  minProbability: {
    en: 'Minimum probability',
    nl: 'Minimale waarschijnlijkheid',
    fr: 'Probabilité minimale',
    de: 'Mindestwahrscheinlichkeit',
  },
  groups: {
    en: 'Duplicate groups',
    nl: 'Groepen duplicaten',
    fr: 'Groupes de doublons',
    de: 'Dublettengruppen',
  },
});
