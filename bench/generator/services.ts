/** What a salon sells, per language: the services on appointments, with duration and price. */
import type { GenLanguage } from './types.ts';

export interface Service {
  name: string;
  minutes: number;
  priceCents: number;
  for: 'female' | 'male' | 'child' | 'any';
}

const s = (name: string, minutes: number, euros: number, who: Service['for']): Service => ({
  name,
  minutes,
  priceCents: euros * 100,
  for: who,
});

export const SERVICES: Readonly<Record<GenLanguage, readonly Service[]>> = {
  nl: [
    s('Wassen, knippen en brushen', 60, 52, 'female'),
    s('Knippen dames', 45, 39, 'female'),
    s('Kleuren', 90, 65, 'female'),
    s('Balayage', 150, 120, 'female'),
    s('Brushing', 30, 28, 'female'),
    s('Manicure', 45, 35, 'any'),
    s('Knippen heren', 30, 26, 'male'),
    s('Baard trimmen', 15, 15, 'male'),
    s('Kinderknipbeurt', 20, 18, 'child'),
  ],
  fr: [
    s('Shampooing, coupe et brushing', 60, 52, 'female'),
    s('Coupe femme', 45, 39, 'female'),
    s('Coloration', 90, 65, 'female'),
    s('Balayage', 150, 120, 'female'),
    s('Brushing', 30, 28, 'female'),
    s('Manucure', 45, 35, 'any'),
    s('Coupe homme', 30, 26, 'male'),
    s('Taille de barbe', 15, 15, 'male'),
    s('Coupe enfant', 20, 18, 'child'),
  ],
  de: [
    s('Waschen, Schneiden, Föhnen', 60, 52, 'female'),
    s('Damenhaarschnitt', 45, 39, 'female'),
    s('Färben', 90, 65, 'female'),
    s('Balayage', 150, 120, 'female'),
    s('Föhnen', 30, 28, 'female'),
    s('Maniküre', 45, 35, 'any'),
    s('Herrenhaarschnitt', 30, 26, 'male'),
    s('Bart trimmen', 15, 15, 'male'),
    s('Kinderhaarschnitt', 20, 18, 'child'),
  ],
  en: [
    s('Wash, cut and blow-dry', 60, 52, 'female'),
    s("Women's cut", 45, 39, 'female'),
    s('Colour', 90, 65, 'female'),
    s('Balayage', 150, 120, 'female'),
    s('Blow-dry', 30, 28, 'female'),
    s('Manicure', 45, 35, 'any'),
    s("Men's cut", 30, 26, 'male'),
    s('Beard trim', 15, 15, 'male'),
    s("Children's cut", 20, 18, 'child'),
  ],
};

export const STAFF_MEMBERS = ['Lisa', 'Sofie', 'Kevin', 'Nathalie', 'Jana', 'Tom'] as const;

export const HISTORY_TEXT: Readonly<
  Record<
    GenLanguage,
    {
      visit: string;
      redeem: string;
      welcome: string;
      notes: readonly string[];
      package: string;
      membership: string;
    }
  >
> = {
  nl: {
    visit: 'Bezoek',
    redeem: 'Korting ingewisseld',
    welcome: 'Welkomstbonus',
    notes: [
      'Kleuring 6.0 + 20 vol, 35 min',
      'Wil volgende keer korter',
      'Gevoelige hoofdhuid, milde shampoo',
      'Tevreden over balayage',
      'Vraagt naar Lisa',
    ],
    package: '10-beurtenkaart',
    membership: 'Jaarabonnement',
  },
  fr: {
    visit: 'Visite',
    redeem: 'Réduction utilisée',
    welcome: 'Bonus de bienvenue',
    notes: [
      'Coloration 6.0 + 20 vol, 35 min',
      'Plus court la prochaine fois',
      'Cuir chevelu sensible',
      'Demande Sofie',
    ],
    package: 'Carte 10 séances',
    membership: 'Abonnement annuel',
  },
  de: {
    visit: 'Besuch',
    redeem: 'Rabatt eingelöst',
    welcome: 'Willkommensbonus',
    notes: ['Farbe 6.0 + 20 vol, 35 Min.', 'Nächstes Mal kürzer', 'Empfindliche Kopfhaut', 'Möchte zu Jana'],
    package: '10er-Karte',
    membership: 'Jahresabo',
  },
  en: {
    visit: 'Visit',
    redeem: 'Discount redeemed',
    welcome: 'Welcome bonus',
    notes: ['Colour 6.0 + 20 vol, 35 min', 'Shorter next time', 'Sensitive scalp'],
    package: '10-visit card',
    membership: 'Yearly membership',
  },
};
