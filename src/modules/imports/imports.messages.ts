import { registerFieldLabels, registerMessages } from '../shared/messages.ts';

registerMessages({
  'entity.import': { en: 'import', nl: 'import', fr: 'import', de: 'Import' },
  'entity.import_row': { en: 'import row', nl: 'importrij', fr: "ligne d'import", de: 'Importzeile' },
  'entity.import_mapping': {
    en: 'saved mapping',
    nl: 'bewaarde koppeling',
    fr: 'correspondance enregistrée',
    de: 'gespeicherte Zuordnung',
  },
  // The file as a whole.
  'import.empty_file': {
    en: 'The file is empty.',
    nl: 'Het bestand is leeg.',
    fr: 'Le fichier est vide.',
    de: 'Die Datei ist leer.',
  },
  'import.binary_file': {
    en: 'This is not a text file. Export your customers as CSV and upload that file.',
    nl: 'Dit is geen tekstbestand. Exporteer uw klanten als CSV en laad dat bestand op.',
    fr: "Ce n'est pas un fichier texte. Exportez vos clients en CSV et importez ce fichier.",
    de: 'Das ist keine Textdatei. Exportieren Sie Ihre Kunden als CSV und laden Sie diese Datei hoch.',
  },
  'import.spreadsheet_file': {
    en: 'This is an Excel workbook. In Excel choose "Save as" → "CSV UTF-8" and upload that file.',
    nl: 'Dit is een Excel-werkmap. Kies in Excel "Opslaan als" → "CSV UTF-8" en laad dat bestand op.',
    fr: 'Ceci est un classeur Excel. Dans Excel, choisissez « Enregistrer sous » → « CSV UTF-8 » et importez ce fichier.',
    de: 'Das ist eine Excel-Arbeitsmappe. Wählen Sie in Excel „Speichern unter“ → „CSV UTF-8“ und laden Sie diese Datei hoch.',
  },
  'import.unknown_encoding': {
    en: 'The characters of this file are in an encoding we cannot read. Save it as "CSV UTF-8" and try again.',
    nl: 'De tekens van dit bestand staan in een codering die we niet kunnen lezen. Sla het op als "CSV UTF-8" en probeer opnieuw.',
    fr: 'Les caractères de ce fichier sont dans un encodage que nous ne savons pas lire. Enregistrez-le en « CSV UTF-8 » et réessayez.',
    de: 'Die Zeichen dieser Datei sind in einer Kodierung, die wir nicht lesen können. Speichern Sie sie als „CSV UTF-8“ und versuchen Sie es erneut.',
  },
  'import.invalid_utf8': {
    en: 'The file says it is UTF-8 but is not. Save it again as "CSV UTF-8", or choose Windows-1252.',
    nl: 'Het bestand zegt UTF-8 te zijn maar is het niet. Sla het opnieuw op als "CSV UTF-8", of kies Windows-1252.',
    fr: "Le fichier se dit UTF-8 mais ne l'est pas. Enregistrez-le à nouveau en « CSV UTF-8 », ou choisissez Windows-1252.",
    de: 'Die Datei gibt an, UTF-8 zu sein, ist es aber nicht. Speichern Sie sie erneut als „CSV UTF-8“ oder wählen Sie Windows-1252.',
  },
  'import.header_only': {
    en: 'The file has a header row but no customers below it.',
    nl: 'Het bestand heeft een kopregel maar geen klanten eronder.',
    fr: "Le fichier a une ligne d'en-tête mais aucun client en dessous.",
    de: 'Die Datei hat eine Kopfzeile, aber keine Kunden darunter.',
  },
  'import.unbalanced_quotes': {
    en: 'Line {line} opens a quote (") that is never closed. Check that line in the file.',
    nl: 'Regel {line} opent een aanhalingsteken (") dat nooit gesloten wordt. Controleer die regel in het bestand.',
    fr: 'La ligne {line} ouvre un guillemet (") qui n\'est jamais fermé. Vérifiez cette ligne du fichier.',
    de: 'Zeile {line} öffnet ein Anführungszeichen ("), das nie geschlossen wird. Prüfen Sie diese Zeile der Datei.',
  },
  'import.invalid_quotes': {
    en: 'Line {line} has text right after a closing quote ("). Check that line in the file.',
    nl: 'Regel {line} heeft tekst direct na een sluitend aanhalingsteken ("). Controleer die regel in het bestand.',
    fr: 'La ligne {line} contient du texte juste après un guillemet fermant ("). Vérifiez cette ligne du fichier.',
    de: 'Zeile {line} hat Text direkt nach einem schließenden Anführungszeichen ("). Prüfen Sie diese Zeile der Datei.',
  },
  'import.ragged_row': {
    en: 'Row {row} has {found} columns where the header has {expected}. Check the separators on that row.',
    nl: 'Rij {row} heeft {found} kolommen terwijl de kopregel er {expected} heeft. Controleer de scheidingstekens op die rij.',
    fr: "La ligne {row} a {found} colonnes alors que l'en-tête en a {expected}. Vérifiez les séparateurs de cette ligne.",
    de: 'Zeile {row} hat {found} Spalten, die Kopfzeile aber {expected}. Prüfen Sie die Trennzeichen in dieser Zeile.',
  },
  'import.cell_too_large': {
    en: 'Line {line} is longer than {max} characters; a customer row is never that long. Check the file.',
    nl: 'Regel {line} is langer dan {max} tekens; een klantenrij is nooit zo lang. Controleer het bestand.',
    fr: "La ligne {line} dépasse {max} caractères ; une ligne client n'est jamais aussi longue. Vérifiez le fichier.",
    de: 'Zeile {line} ist länger als {max} Zeichen; eine Kundenzeile ist nie so lang. Prüfen Sie die Datei.',
  },
  'import.too_many_rows': {
    en: 'The file has more than {max} customer rows. Split it into smaller files.',
    nl: 'Het bestand heeft meer dan {max} klantenrijen. Verdeel het over kleinere bestanden.',
    fr: 'Le fichier contient plus de {max} lignes de clients. Divisez-le en fichiers plus petits.',
    de: 'Die Datei hat mehr als {max} Kundenzeilen. Teilen Sie sie in kleinere Dateien auf.',
  },
  'import.too_many_columns': {
    en: 'The file has more than {max} columns; this does not look like a customer list.',
    nl: 'Het bestand heeft meer dan {max} kolommen; dit lijkt geen klantenlijst.',
    fr: 'Le fichier a plus de {max} colonnes ; cela ne ressemble pas à une liste de clients.',
    de: 'Die Datei hat mehr als {max} Spalten; das sieht nicht nach einer Kundenliste aus.',
  },
  // The mapping.
  'import.mapping_length': {
    en: 'The mapping must name a field (or none) for each of the {expected} columns.',
    nl: 'De koppeling moet voor elk van de {expected} kolommen een veld (of geen) noemen.',
    fr: 'La correspondance doit indiquer un champ (ou aucun) pour chacune des {expected} colonnes.',
    de: 'Die Zuordnung muss für jede der {expected} Spalten ein Feld (oder keines) angeben.',
  },
  'import.mapping_twice': {
    en: 'Two columns are mapped to the same field ({target}); choose one.',
    nl: 'Twee kolommen zijn aan hetzelfde veld gekoppeld ({target}); kies er één.',
    fr: 'Deux colonnes correspondent au même champ ({target}) ; choisissez-en une.',
    de: 'Zwei Spalten sind demselben Feld zugeordnet ({target}); wählen Sie eine.',
  },
  'import.mapping_no_name': {
    en: 'Map at least one column to a first name, last name, full name or display name.',
    nl: 'Koppel minstens één kolom aan een voornaam, familienaam, volledige naam of weergavenaam.',
    fr: "Associez au moins une colonne à un prénom, un nom, un nom complet ou un nom d'affichage.",
    de: 'Ordnen Sie mindestens eine Spalte einem Vornamen, Nachnamen, vollständigen Namen oder Anzeigenamen zu.',
  },
  'import.mapping_name_taken': {
    en: 'A saved mapping with this name already exists.',
    nl: 'Er bestaat al een bewaarde koppeling met deze naam.',
    fr: 'Une correspondance enregistrée porte déjà ce nom.',
    de: 'Es gibt bereits eine gespeicherte Zuordnung mit diesem Namen.',
  },
  // Rows.
  'import.invalid_yes_no': {
    en: '{field} must be yes or no (ja/nee, oui/non, ja/nein, 1/0).',
    nl: '{field} moet ja of nee zijn (ja/nee, oui/non, ja/nein, 1/0).',
    fr: '{field} doit être oui ou non (ja/nee, oui/non, ja/nein, 1/0).',
    de: '{field} muss ja oder nein sein (ja/nee, oui/non, ja/nein, 1/0).',
  },
  'import.file_duplicate': {
    en: 'Same person as row {row}: not created twice; its values were added to that row.',
    nl: 'Zelfde persoon als rij {row}: niet dubbel aangemaakt; de gegevens zijn aan die rij toegevoegd.',
    fr: 'Même personne que la ligne {row} : pas créée deux fois ; ses valeurs ont été ajoutées à cette ligne.',
    de: 'Dieselbe Person wie Zeile {row}: nicht doppelt angelegt; die Werte wurden dieser Zeile hinzugefügt.',
  },
  'import.match_skipped': {
    en: 'Matches an existing customer, left unchanged as chosen.',
    nl: 'Komt overeen met een bestaande klant, zoals gekozen ongewijzigd gelaten.',
    fr: 'Correspond à un client existant, laissé inchangé comme choisi.',
    de: 'Entspricht einem bestehenden Kunden, wie gewählt unverändert gelassen.',
  },
  'import.possible_skipped': {
    en: 'Possibly an existing customer: skipped as chosen.',
    nl: 'Mogelijk een bestaande klant: overgeslagen zoals gekozen.',
    fr: 'Peut-être un client existant : ignoré comme choisi.',
    de: 'Möglicherweise ein bestehender Kunde: wie gewählt übersprungen.',
  },
  'import.match_gone': {
    en: 'The matching customer no longer exists (deleted or archived since the dry run).',
    nl: 'De overeenkomende klant bestaat niet meer (verwijderd of gearchiveerd sinds de proefrun).',
    fr: "Le client correspondant n'existe plus (supprimé ou archivé depuis la simulation).",
    de: 'Der passende Kunde existiert nicht mehr (seit dem Probelauf gelöscht oder archiviert).',
  },
  // State.
  'import.already_applied': {
    en: 'This import is being applied or was applied already; upload the file again to start over.',
    nl: 'Deze import wordt al uitgevoerd of is al uitgevoerd; laad het bestand opnieuw op om opnieuw te beginnen.',
    fr: 'Cet import est en cours ou déjà appliqué ; importez à nouveau le fichier pour recommencer.',
    de: 'Dieser Import läuft bereits oder wurde schon ausgeführt; laden Sie die Datei erneut hoch, um neu zu beginnen.',
  },
  'import.partly_applied': {
    en: 'Part of this import was already applied; resume it instead of planning it again.',
    nl: 'Een deel van deze import is al uitgevoerd; hervat de import in plaats van de proefrun opnieuw te doen.',
    fr: 'Une partie de cet import est déjà appliquée ; reprenez-le au lieu de relancer la simulation.',
    de: 'Ein Teil dieses Imports wurde bereits ausgeführt; setzen Sie ihn fort, statt den Probelauf zu wiederholen.',
  },
  'import.not_planned': {
    en: 'Run the dry run first: the import is applied exactly as the dry run showed it.',
    nl: 'Doe eerst de proefrun: de import wordt uitgevoerd precies zoals de proefrun toonde.',
    fr: "Lancez d'abord la simulation : l'import est appliqué exactement comme la simulation l'a montré.",
    de: 'Führen Sie zuerst den Probelauf aus: Der Import wird genau so ausgeführt, wie der Probelauf ihn zeigte.',
  },
  'import.applied_elsewhere': {
    en: 'This import is being applied by another process right now.',
    nl: 'Deze import wordt op dit moment door een ander proces uitgevoerd.',
    fr: 'Cet import est en cours d’application par un autre processus.',
    de: 'Dieser Import wird gerade von einem anderen Prozess ausgeführt.',
  },
  'import.plan_stale': {
    en: 'Another import ({fileName}) added or changed customers after this dry run. Run the dry run again, so these rows are matched against them instead of being created twice.',
    nl: 'Een andere import ({fileName}) heeft na deze proefrun klanten toegevoegd of gewijzigd. Doe de proefrun opnieuw, zodat deze rijen met die klanten vergeleken worden in plaats van dubbel aangemaakt.',
    fr: "Un autre import ({fileName}) a ajouté ou modifié des clients après cette simulation. Relancez la simulation, pour que ces lignes soient comparées à ces clients au lieu d'être créées en double.",
    de: 'Ein anderer Import ({fileName}) hat nach diesem Probelauf Kunden angelegt oder geändert. Führen Sie den Probelauf erneut aus, damit diese Zeilen mit ihnen abgeglichen statt doppelt angelegt werden.',
  },
  'import.choices_locked': {
    en: 'Part of this import is applied already; the rest is applied with the same choices.',
    nl: 'Een deel van deze import is al uitgevoerd; de rest wordt met dezelfde keuzes uitgevoerd.',
    fr: "Une partie de cet import est déjà appliquée ; le reste l'est avec les mêmes choix.",
    de: 'Ein Teil dieses Imports ist bereits ausgeführt; der Rest wird mit denselben Entscheidungen ausgeführt.',
  },
  'import.not_possible_row': {
    en: 'Only rows that possibly match an existing customer need a decision.',
    nl: 'Alleen rijen die mogelijk met een bestaande klant overeenkomen, vragen een beslissing.',
    fr: 'Seules les lignes qui correspondent peut-être à un client existant demandent une décision.',
    de: 'Nur Zeilen, die möglicherweise einem bestehenden Kunden entsprechen, brauchen eine Entscheidung.',
  },
  'import.not_a_candidate': {
    en: 'Link the row to one of the customers proposed for it.',
    nl: 'Koppel de rij aan een van de klanten die ervoor voorgesteld zijn.',
    fr: 'Associez la ligne à l’un des clients proposés pour elle.',
    de: 'Verknüpfen Sie die Zeile mit einem der dafür vorgeschlagenen Kunden.',
  },
});

registerFieldLabels({
  file: { en: 'The file', nl: 'Het bestand', fr: 'Le fichier', de: 'Die Datei' },
  mapping: {
    en: 'Column mapping',
    nl: 'Kolomkoppeling',
    fr: 'Correspondance des colonnes',
    de: 'Spaltenzuordnung',
  },
  fullName: { en: 'Full name', nl: 'Volledige naam', fr: 'Nom complet', de: 'Vollständiger Name' },
  onMatch: {
    en: 'Existing customers',
    nl: 'Bestaande klanten',
    fr: 'Clients existants',
    de: 'Bestehende Kunden',
  },
  onPossible: {
    en: 'Possible matches',
    nl: 'Mogelijke overeenkomsten',
    fr: 'Correspondances possibles',
    de: 'Mögliche Übereinstimmungen',
  },
  decision: { en: 'Decision', nl: 'Beslissing', fr: 'Décision', de: 'Entscheidung' },
  fileName: { en: 'File name', nl: 'Bestandsnaam', fr: 'Nom du fichier', de: 'Dateiname' },
});
