import { registerFieldLabels, registerMessages } from '../shared/messages.ts';

registerMessages({
  'entity.business': { en: 'business', nl: 'zaak', fr: 'entreprise', de: 'Betrieb' },
  'account.email_required': {
    en: 'The customer has no e-mail address; enter the address the invitation should go to.',
    nl: 'De klant heeft geen e-mailadres; vul het adres in waar de uitnodiging naartoe moet.',
    fr: "Le client n'a pas d'adresse e-mail ; saisissez l'adresse à laquelle envoyer l'invitation.",
    de: 'Der Kunde hat keine E-Mail-Adresse; geben Sie die Adresse ein, an die die Einladung gehen soll.',
  },
  'account.already_active': {
    en: 'This customer already has an active online account.',
    nl: 'Deze klant heeft al een actief online account.',
    fr: 'Ce client a déjà un compte en ligne actif.',
    de: 'Dieser Kunde hat bereits ein aktives Online-Konto.',
  },
  'account.email_in_use': {
    en: 'Another customer already logs in with this e-mail address.',
    nl: 'Een andere klant meldt zich al aan met dit e-mailadres.',
    fr: 'Un autre client se connecte déjà avec cette adresse e-mail.',
    de: 'Ein anderer Kunde meldet sich bereits mit dieser E-Mail-Adresse an.',
  },
  'account.none': {
    en: 'This customer has no online account to disable.',
    nl: 'Deze klant heeft geen online account om uit te schakelen.',
    fr: "Ce client n'a pas de compte en ligne à désactiver.",
    de: 'Dieser Kunde hat kein Online-Konto, das deaktiviert werden könnte.',
  },
  'account.link_invalid': {
    en: 'This link has expired or was used already. Ask for a new one.',
    nl: 'Deze link is verlopen of al gebruikt. Vraag een nieuwe aan.',
    fr: 'Ce lien a expiré ou a déjà été utilisé. Demandez-en un nouveau.',
    de: 'Dieser Link ist abgelaufen oder wurde bereits verwendet. Fordern Sie einen neuen an.',
  },
  'account.login_failed': {
    en: 'E-mail or password is incorrect.',
    nl: 'E-mailadres of wachtwoord is onjuist.',
    fr: 'E-mail ou mot de passe incorrect.',
    de: 'E-Mail oder Passwort ist falsch.',
  },
  'account.too_many_attempts': {
    en: 'Too many attempts; try again in a few minutes.',
    nl: 'Te veel pogingen; probeer het over enkele minuten opnieuw.',
    fr: 'Trop de tentatives ; réessayez dans quelques minutes.',
    de: 'Zu viele Versuche; versuchen Sie es in einigen Minuten erneut.',
  },
  'account.not_logged_in': {
    en: 'Log in first.',
    nl: 'Meld u eerst aan.',
    fr: "Connectez-vous d'abord.",
    de: 'Melden Sie sich zuerst an.',
  },
});

registerFieldLabels({
  token: { en: 'Link', nl: 'Link', fr: 'Lien', de: 'Link' },
  reason: { en: 'Reason', nl: 'Reden', fr: 'Raison', de: 'Grund' },
});
