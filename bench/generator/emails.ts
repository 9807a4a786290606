/**
 * E-mail addresses as people have them (built from their name at a local provider) and the ways the
 * same address, or a second address of the same person, shows up in another record.
 */
import type { Region } from './names.ts';
import type { Rng } from './random.ts';
import { stripAccents } from './spelling.ts';

const PROVIDERS: Readonly<Record<Region, Readonly<Record<string, number>>>> = {
  vl: {
    'telenet.be': 30,
    'gmail.com': 30,
    'hotmail.com': 15,
    'skynet.be': 6,
    'outlook.com': 6,
    'proximus.be': 4,
    'live.be': 4,
    'icloud.com': 3,
    'yahoo.com': 2,
  },
  wa: {
    'gmail.com': 35,
    'hotmail.com': 20,
    'skynet.be': 10,
    'voo.be': 8,
    'outlook.be': 8,
    'live.be': 6,
    'yahoo.fr': 5,
    'proximus.be': 4,
    'icloud.com': 4,
  },
  nl: {
    'gmail.com': 35,
    'hotmail.com': 15,
    'ziggo.nl': 12,
    'kpnmail.nl': 8,
    'outlook.com': 8,
    'live.nl': 6,
    'home.nl': 4,
    'xs4all.nl': 4,
    'planet.nl': 4,
    'icloud.com': 4,
  },
  de: {
    'gmail.com': 25,
    'web.de': 22,
    'gmx.de': 22,
    't-online.de': 12,
    'yahoo.de': 5,
    'outlook.de': 5,
    'freenet.de': 4,
    'icloud.com': 5,
  },
};

/** Domains people mistype, keyed by the domain they meant. */
const TYPO_DOMAINS: Readonly<Record<string, readonly string[]>> = {
  'hotmail.com': ['hotmial.com', 'hotmal.com', 'hotmai.com', 'hotmail.co', 'hotmil.com'],
  'gmail.com': ['gmial.com', 'gmai.com', 'gamil.com', 'gmail.co', 'gmal.com', 'gnail.com'],
  'telenet.be': ['telnet.be', 'telenet.b', 'teleent.be', 'telenet.com'],
  'skynet.be': ['skynet.b', 'skyne.be', 'sky.net.be'],
  'outlook.com': ['outlok.com', 'outloo.com', 'outlook.co'],
  'yahoo.com': ['yaho.com', 'yahooo.com'],
  'gmx.de': ['gmx.com', 'gmx.d'],
  'web.de': ['web.d', 'wev.de'],
  'ziggo.nl': ['zigo.nl', 'ziggo.com'],
};

/** Lower-case ASCII letters of a name, as people put them into an address (Müller → mueller). */
export function emailToken(name: string): string {
  return stripAccents(
    name.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss'),
  ).replace(/[^a-z]/g, '');
}

export function pickProvider(region: Region, rng: Rng): string {
  return rng.weighted(PROVIDERS[region]);
}

/** A personal address: stephanie.wachters@telenet.be, swachters85@gmail.com, stefaniew@hotmail.com … */
export function makeEmail(
  firstName: string,
  lastName: string,
  birthYear: number,
  domain: string,
  rng: Rng,
): string {
  const f = emailToken(firstName) || 'info';
  const l = emailToken(lastName) || 'mail';
  const yy = String(birthYear % 100).padStart(2, '0');
  const local = rng.pick([
    `${f}.${l}`,
    `${f}.${l}`,
    `${f}${l}`,
    `${f}${l}`,
    `${f[0]}${l}`,
    `${f[0]}.${l}`,
    `${f}_${l}`,
    `${f}${l[0]}`,
    `${f}${yy}`,
    `${f}.${l}${yy}`,
    `${l}.${f}`,
    `${f}${l}${rng.int(1, 99)}`,
  ]);
  return `${local}@${domain}`;
}

/** A family address shared by a household: fam.peeters@telenet.be. */
export function familyEmail(lastName: string, domain: string, rng: Rng): string {
  const l = emailToken(lastName) || 'familie';
  return `${rng.pick(['fam.', 'familie.', 'fam', 'de', ''])}${l}@${domain}`;
}

/**
 * The personal and family mailboxes handed out in one file. A provider gives an address to one account
 * only, so two people (or two families) never hold the same mailbox; whoever asks for a taken address
 * settles for it with a number added, as the providers' sign-up pages suggest.
 */
export class Mailboxes {
  private readonly taken = new Set<string>();

  /** Lower case; Gmail ignores dots, so "a.b" and "ab" are one mailbox there. */
  private static key(email: string): string {
    const lower = email.toLowerCase();
    const at = lower.lastIndexOf('@');
    const domain = lower.slice(at + 1);
    const local = lower.slice(0, at);
    return domain === 'gmail.com' ? `${local.replace(/\./g, '')}@${domain}` : lower;
  }

  claim(email: string, rng: Rng): string {
    let candidate = email;
    const at = email.lastIndexOf('@');
    for (let attempt = 0; this.taken.has(Mailboxes.key(candidate)); attempt++) {
      const suffix = attempt < 20 ? rng.int(1, 99) : rng.int(100, 99_999);
      candidate = `${email.slice(0, at)}${suffix}${email.slice(at)}`;
    }
    this.taken.add(Mailboxes.key(candidate));
    return candidate;
  }
}

export type EmailVariantKind = 'case' | 'dots' | 'tag' | 'typo_domain' | 'googlemail';

/**
 * The same mailbox written differently: case, Gmail dots and +tags, googlemail.com, or a mistyped
 * domain (which does not reach the mailbox, but is obviously the same person).
 */
export function emailVariant(email: string, rng: Rng): { email: string; kind: EmailVariantKind } {
  const at = email.indexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const kinds: EmailVariantKind[] = ['case', 'tag'];
  if (domain === 'gmail.com') kinds.push('dots', 'dots', 'googlemail');
  if (TYPO_DOMAINS[domain]) kinds.push('typo_domain', 'typo_domain');
  const kind = rng.pick(kinds);
  switch (kind) {
    case 'case': {
      const parts = local.split('.');
      const cased = parts.map((p) => (p.length > 0 ? (p[0] ?? '').toUpperCase() + p.slice(1) : p)).join('.');
      return { email: rng.chance(0.5) ? `${cased}@${domain}` : email.toUpperCase(), kind };
    }
    case 'dots':
      return {
        email: `${local.includes('.') ? local.replace(/\./g, '') : insertDot(local, rng)}@${domain}`,
        kind,
      };
    case 'tag':
      return {
        email: `${local}+${rng.pick(['salon', 'kapper', 'booking', 'promo', 'news'])}@${domain}`,
        kind,
      };
    case 'googlemail':
      return { email: `${local}@googlemail.com`, kind };
    case 'typo_domain':
      return { email: `${local}@${rng.pick(TYPO_DOMAINS[domain] ?? [domain])}`, kind };
  }
}

function insertDot(local: string, rng: Rng): string {
  if (local.length < 3) return local;
  const i = rng.int(1, local.length - 1);
  return `${local.slice(0, i)}.${local.slice(i)}`;
}
