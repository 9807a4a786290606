import { registerFieldLabels, registerMessages } from '../shared/messages.ts';

registerMessages({
  'entity.note': { en: 'note', nl: 'notitie', fr: 'note', de: 'Notiz' },
  notes_changed: {
    en: 'The notes changed in the meantime; reload them and drag again.',
    nl: 'De notities zijn intussen gewijzigd; laad ze opnieuw en sleep opnieuw.',
    fr: 'Les notes ont changé entre-temps ; rechargez-les et déplacez-les à nouveau.',
    de: 'Die Notizen haben sich inzwischen geändert; laden Sie sie neu und ziehen Sie erneut.',
  },
});

registerFieldLabels({
  text: { en: 'Text', nl: 'Tekst', fr: 'Texte', de: 'Text' },
  noteIds: {
    en: 'Order of the notes',
    nl: 'Volgorde van de notities',
    fr: 'Ordre des notes',
    de: 'Reihenfolge der Notizen',
  },
});
