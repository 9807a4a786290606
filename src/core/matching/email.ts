/**
 * E-mail addresses reduced to the mailbox they deliver to: case and spaces, provider aliases (Gmail
 * ignores dots and "+tags", Outlook/Hotmail/Live ignore "+tags") and the domain typos customers make
 * on booking forms (hotmial.com, gmial.com, telnet.be …).
 */
import validator from 'validator';

/** Misspelled domains seen on BE/NL/DE forms, mapped to the domain that was meant. */
const DOMAIN_TYPOS: Readonly<Record<string, string>> = {
  'hotmial.com': 'hotmail.com',
  'hotmal.com': 'hotmail.com',
  'hotmai.com': 'hotmail.com',
  'hotmil.com': 'hotmail.com',
  'hotamil.com': 'hotmail.com',
  'hotmail.co': 'hotmail.com',
  'hotmail.con': 'hotmail.com',
  'hotmaill.com': 'hotmail.com',
  'homail.com': 'hotmail.com',
  'hotmail.bee': 'hotmail.be',
  'hotmail.b': 'hotmail.be',
  'hotmial.be': 'hotmail.be',
  'hotmal.be': 'hotmail.be',
  'gmial.com': 'gmail.com',
  'gmai.com': 'gmail.com',
  'gamil.com': 'gmail.com',
  'gmal.com': 'gmail.com',
  'gmail.co': 'gmail.com',
  'gmail.con': 'gmail.com',
  'gmaill.com': 'gmail.com',
  'gnail.com': 'gmail.com',
  'gmail.be': 'gmail.com',
  'gmail.nl': 'gmail.com',
  'telnet.be': 'telenet.be',
  'telent.be': 'telenet.be',
  'telenet.b': 'telenet.be',
  'telene.be': 'telenet.be',
  'skynet.b': 'skynet.be',
  'skynett.be': 'skynet.be',
  'skyne.be': 'skynet.be',
  'yahooo.com': 'yahoo.com',
  'yaho.com': 'yahoo.com',
  'yahoo.co': 'yahoo.com',
  'yahho.com': 'yahoo.com',
  'outlok.com': 'outlook.com',
  'outllook.com': 'outlook.com',
  'outlook.co': 'outlook.com',
  'outloo.com': 'outlook.com',
  'outlook.b': 'outlook.be',
  'live.b': 'live.be',
  'icloud.co': 'icloud.com',
  'iclod.com': 'icloud.com',
  'icoud.com': 'icloud.com',
  'ziggo.n': 'ziggo.nl',
  'zigo.nl': 'ziggo.nl',
  'kpnmail.n': 'kpnmail.nl',
  'kpnmal.nl': 'kpnmail.nl',
  'gmx.d': 'gmx.de',
  'gmx.dee': 'gmx.de',
  'web.d': 'web.de',
  'wbe.de': 'web.de',
  't-onlin.de': 't-online.de',
  'tonline.de': 't-online.de',
  't-online.d': 't-online.de',
  'proximus.b': 'proximus.be',
  'scarlet.b': 'scarlet.be',
};

const GMAIL: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com']);
const PLUS_TAG_PROVIDERS: ReadonlySet<string> = new Set([
  'outlook.com',
  'outlook.be',
  'outlook.nl',
  'outlook.de',
  'hotmail.com',
  'hotmail.be',
  'hotmail.nl',
  'hotmail.de',
  'hotmail.fr',
  'live.com',
  'live.be',
  'live.nl',
  'live.de',
  'msn.com',
  'icloud.com',
  'me.com',
  'proton.me',
  'protonmail.com',
  'fastmail.com',
]);

export interface CanonicalEmail {
  /** Mailbox after aliases and typo fixes: "stephaniewachters@telenet.be". */
  address: string;
  local: string;
  domain: string;
}

/** Canonical form of an e-mail address, or null when it is not a valid address. */
export function canonicalEmail(raw: string | null): CanonicalEmail | null {
  if (raw === null) return null;
  const trimmed = raw
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, '')
    .replace(/\s+/g, '');
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return null;
  let local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1).replace(/\.+$/, '');
  domain = DOMAIN_TYPOS[domain] ?? domain;
  if (GMAIL.has(domain)) {
    domain = 'gmail.com';
    local = local.replace(/\+.*$/, '').replace(/\./g, '');
  } else if (PLUS_TAG_PROVIDERS.has(domain)) {
    local = local.replace(/\+.*$/, '');
  }
  const address = `${local}@${domain}`;
  if (local === '' || !validator.isEmail(address)) return null;
  return { address, local, domain };
}

/**
 * The local part as compared across providers: "sabine.mueller", "sabine_mueller" and
 * "sabine.mueller+salon" are one name (a "+tag" is the customer's own label, whether or not the
 * provider delivers it to the same mailbox).
 */
export function comparableLocal(local: string): string {
  return local.replace(/\+.*$/, '').replace(/[._-]+/g, '');
}

/**
 * Whether a (comparable) local part is nothing but the owner's names and initials ("stefaniew",
 * "s.wachters", "mueller.sabine"). Two people with the same name often pick the same such address at
 * different providers, so agreement on it says nothing the names have not said already; an address
 * with anything else in it (digits, a nickname, a word) is the person's own.
 *
 * `parts` are the folded name pieces (given names, surname with and without particles). Written by
 * hand: a segmentation of the local part into at most three pieces, each a name or an initial.
 */
export function localIsOnlyName(local: string, parts: readonly string[]): boolean {
  if (local === '' || /[^a-z]/.test(local)) return false;
  const pieces = new Set<string>();
  for (const p of parts) {
    if (p === '') continue;
    pieces.add(p);
    pieces.add(p.charAt(0));
  }
  // reach[i] = fewest pieces that spell local[0, i).
  const reach = new Array<number>(local.length + 1).fill(Infinity);
  reach[0] = 0;
  for (let i = 0; i < local.length; i++) {
    const here = reach[i] as number;
    if (here >= 3) continue;
    for (const p of pieces) {
      if (local.startsWith(p, i) && here + 1 < (reach[i + p.length] as number))
        reach[i + p.length] = here + 1;
    }
  }
  return (reach[local.length] as number) <= 3;
}
