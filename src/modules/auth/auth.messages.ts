import { registerFieldLabels, registerMessages } from '../shared/messages.ts';

registerMessages({
  login_failed: {
    en: 'E-mail or password is incorrect.',
    nl: 'E-mailadres of wachtwoord is onjuist.',
    fr: 'E-mail ou mot de passe incorrect.',
    de: 'E-Mail oder Passwort ist falsch.',
  },
  too_many_logins: {
    en: 'Too many failed attempts; try again in a few minutes.',
    nl: 'Te veel mislukte pogingen; probeer het over enkele minuten opnieuw.',
    fr: 'Trop de tentatives échouées ; réessayez dans quelques minutes.',
    de: 'Zu viele Fehlversuche; versuchen Sie es in einigen Minuten erneut.',
  },
  choose_tenant: {
    en: 'This login belongs to more than one business; choose which one.',
    nl: 'Deze login hoort bij meer dan één zaak; kies welke.',
    fr: 'Cet identifiant appartient à plusieurs entreprises ; choisissez laquelle.',
    de: 'Dieses Login gehört zu mehreren Betrieben; wählen Sie einen aus.',
  },
  invalid_email: {
    en: '{field} is not a valid e-mail address.',
    nl: '{field} is geen geldig e-mailadres.',
    fr: "{field} n'est pas une adresse e-mail valide.",
    de: '{field} ist keine gültige E-Mail-Adresse.',
  },
  password_too_short: {
    en: 'The password must have at least 10 characters.',
    nl: 'Het wachtwoord moet minstens 10 tekens hebben.',
    fr: 'Le mot de passe doit comporter au moins 10 caractères.',
    de: 'Das Passwort muss mindestens 10 Zeichen haben.',
  },
  password_too_long: {
    en: 'The password may have at most 200 characters.',
    nl: 'Het wachtwoord mag hoogstens 200 tekens hebben.',
    fr: 'Le mot de passe peut comporter au plus 200 caractères.',
    de: 'Das Passwort darf höchstens 200 Zeichen haben.',
  },
  password_too_simple: {
    en: 'This password is too easy to guess; choose another one.',
    nl: 'Dit wachtwoord is te makkelijk te raden; kies een ander.',
    fr: 'Ce mot de passe est trop facile à deviner ; choisissez-en un autre.',
    de: 'Dieses Passwort ist zu leicht zu erraten; wählen Sie ein anderes.',
  },
});

registerFieldLabels({
  tenant: { en: 'Business', nl: 'Zaak', fr: 'Entreprise', de: 'Betrieb' },
});
