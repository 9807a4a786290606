/**
 * Error sentences in the four languages. Each module keeps its own catalogue next to its code
 * (`<module>.messages.ts`) and registers it here; templates use {param} placeholders. A code
 * without a sentence falls back to English, then to the code itself, so a missing translation is
 * visible but never breaks a response (messages.test.ts checks every catalogue is complete).
 */
import type { Language } from './language.ts';
import type { Params } from './errors.ts';

export type Catalogue = Record<string, Record<Language, string>>;

const catalogue: Catalogue = {};
const fieldLabels: Catalogue = {};

export function registerMessages(messages: Catalogue): void {
  Object.assign(catalogue, messages);
}

/** Human names of request fields, so a validation error names the field in the user's language. */
export function registerFieldLabels(labels: Catalogue): void {
  Object.assign(fieldLabels, labels);
}

export function allMessages(): Readonly<Catalogue> {
  return catalogue;
}

export function allFieldLabels(): Readonly<Catalogue> {
  return fieldLabels;
}

export function fieldLabel(lang: Language, field: string): string {
  const last =
    field
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .at(-1) ?? field;
  return fieldLabels[field]?.[lang] ?? fieldLabels[last]?.[lang] ?? last;
}

export function translate(lang: Language, code: string, params: Params = {}, field?: string): string {
  const template = catalogue[code]?.[lang] ?? catalogue[code]?.en ?? code;
  const all: Params = field === undefined ? params : { field: fieldLabel(lang, field), ...params };
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const value = all[name];
    if (value === undefined) return m;
    // Entity names are catalogue entries too ("customer" → "klant").
    if (name === 'entity' && typeof value === 'string') return catalogue[`entity.${value}`]?.[lang] ?? value;
    return String(value);
  });
}

registerMessages({
  not_found: {
    en: 'This {entity} does not exist.',
    nl: 'Deze {entity} bestaat niet.',
    fr: 'Introuvable : {entity}.',
    de: 'Nicht gefunden: {entity}.',
  },
  'entity.resource': { en: 'page', nl: 'pagina', fr: 'page', de: 'Seite' },
  'entity.staff': { en: 'staff member', nl: 'medewerker', fr: 'collaborateur', de: 'Mitarbeiter' },
  'entity.job': { en: 'job', nl: 'taak', fr: 'tâche', de: 'Aufgabe' },
  'entity.token': { en: 'API token', nl: 'API-token', fr: 'jeton API', de: 'API-Token' },
  forbidden: {
    en: 'You are not allowed to do this.',
    nl: 'U mag dit niet doen.',
    fr: "Vous n'êtes pas autorisé à faire ceci.",
    de: 'Das dürfen Sie nicht.',
  },
  owner_only: {
    en: 'Only an owner can do this.',
    nl: 'Alleen een eigenaar kan dit doen.',
    fr: 'Seul un propriétaire peut faire ceci.',
    de: 'Nur ein Inhaber kann das tun.',
  },
  unauthenticated: {
    en: 'Please log in first.',
    nl: 'Meld u eerst aan.',
    fr: "Veuillez d'abord vous connecter.",
    de: 'Bitte melden Sie sich zuerst an.',
  },
  csrf_failed: {
    en: 'This request lacks a valid CSRF token; reload the page and try again.',
    nl: 'Dit verzoek heeft geen geldig CSRF-token; herlaad de pagina en probeer opnieuw.',
    fr: "Cette requête n'a pas de jeton CSRF valide ; rechargez la page et réessayez.",
    de: 'Dieser Anfrage fehlt ein gültiges CSRF-Token; laden Sie die Seite neu und versuchen Sie es erneut.',
  },
  invalid_json: {
    en: 'The request body is not valid JSON.',
    nl: 'De inhoud van het verzoek is geen geldige JSON.',
    fr: "Le corps de la requête n'est pas du JSON valide.",
    de: 'Der Inhalt der Anfrage ist kein gültiges JSON.',
  },
  body_too_large: {
    en: 'The request is too large.',
    nl: 'Het verzoek is te groot.',
    fr: 'La requête est trop volumineuse.',
    de: 'Die Anfrage ist zu groß.',
  },
  unsupported_media_type: {
    en: 'Send the request body as JSON.',
    nl: 'Stuur de inhoud van het verzoek als JSON.',
    fr: 'Envoyez le corps de la requête en JSON.',
    de: 'Senden Sie den Inhalt der Anfrage als JSON.',
  },
  rate_limited: {
    en: 'Too many requests; try again in a minute.',
    nl: 'Te veel verzoeken; probeer het over een minuut opnieuw.',
    fr: 'Trop de requêtes ; réessayez dans une minute.',
    de: 'Zu viele Anfragen; versuchen Sie es in einer Minute erneut.',
  },
  internal_error: {
    en: 'Something went wrong on our side; nothing was changed. Try again.',
    nl: 'Er ging iets mis aan onze kant; er is niets gewijzigd. Probeer het opnieuw.',
    fr: "Une erreur s'est produite de notre côté ; rien n'a été modifié. Réessayez.",
    de: 'Bei uns ist etwas schiefgelaufen; nichts wurde geändert. Versuchen Sie es erneut.',
  },
  // Validation (zod issues mapped in server/errors.ts); {field} is the field's human name.
  'validation.required': {
    en: '{field} is required.',
    nl: '{field} is verplicht.',
    fr: '{field} est obligatoire.',
    de: '{field} ist erforderlich.',
  },
  'validation.invalid_type': {
    en: '{field} has the wrong type.',
    nl: '{field} heeft het verkeerde type.',
    fr: "{field} n'a pas le bon type.",
    de: '{field} hat den falschen Typ.',
  },
  'validation.too_small': {
    en: '{field} is too short or too small (minimum {minimum}).',
    nl: '{field} is te kort of te klein (minimum {minimum}).',
    fr: '{field} est trop court ou trop petit (minimum {minimum}).',
    de: '{field} ist zu kurz oder zu klein (Minimum {minimum}).',
  },
  'validation.too_big': {
    en: '{field} is too long or too large (maximum {maximum}).',
    nl: '{field} is te lang of te groot (maximum {maximum}).',
    fr: '{field} est trop long ou trop grand (maximum {maximum}).',
    de: '{field} ist zu lang oder zu groß (Maximum {maximum}).',
  },
  'validation.invalid_value': {
    en: '{field} has a value that is not allowed.',
    nl: '{field} heeft een waarde die niet is toegestaan.',
    fr: "{field} a une valeur qui n'est pas autorisée.",
    de: '{field} hat einen nicht erlaubten Wert.',
  },
  'validation.invalid_format': {
    en: '{field} is not in the right format.',
    nl: '{field} heeft niet het juiste formaat.',
    fr: "{field} n'est pas au bon format.",
    de: '{field} hat nicht das richtige Format.',
  },
  'validation.unrecognized_keys': {
    en: '{field} is not a known field.',
    nl: '{field} is geen bekend veld.',
    fr: "{field} n'est pas un champ connu.",
    de: '{field} ist kein bekanntes Feld.',
  },
  'validation.control_character': {
    en: '{field} contains a control character (NUL) that cannot be stored.',
    nl: '{field} bevat een stuurteken (NUL) dat niet kan worden opgeslagen.',
    fr: '{field} contient un caractère de contrôle (NUL) qui ne peut pas être enregistré.',
    de: '{field} enthält ein Steuerzeichen (NUL), das nicht gespeichert werden kann.',
  },
  'validation.invalid': {
    en: '{field} is not valid.',
    nl: '{field} is niet geldig.',
    fr: "{field} n'est pas valide.",
    de: '{field} ist ungültig.',
  },
});

registerFieldLabels({
  body: {
    en: 'The request body',
    nl: 'De inhoud van het verzoek',
    fr: 'Le corps de la requête',
    de: 'Der Inhalt der Anfrage',
  },
  id: { en: 'Id', nl: 'Id', fr: 'Identifiant', de: 'ID' },
  email: { en: 'E-mail', nl: 'E-mail', fr: 'E-mail', de: 'E-Mail' },
  password: { en: 'Password', nl: 'Wachtwoord', fr: 'Mot de passe', de: 'Passwort' },
  name: { en: 'Name', nl: 'Naam', fr: 'Nom', de: 'Name' },
  role: { en: 'Role', nl: 'Rol', fr: 'Rôle', de: 'Rolle' },
  language: { en: 'Language', nl: 'Taal', fr: 'Langue', de: 'Sprache' },
  limit: { en: 'Limit', nl: 'Limiet', fr: 'Limite', de: 'Limit' },
  offset: { en: 'Offset', nl: 'Offset', fr: 'Décalage', de: 'Versatz' },
});
