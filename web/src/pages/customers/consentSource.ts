/**
 * How a newsletter consent was recorded, as the server stores it: a source code ("staff",
 * "online", "import", …) optionally followed by ":" and who or what ("staff:An Peeters",
 * "import:klanten.csv", "merge:An Peeters"). Split so the code can be translated and the rest shown
 * as typed.
 */
export interface ConsentSource {
  /** A key under `customers:sources`, or undefined when the code is not one we know. */
  code: string | undefined;
  detail: string | undefined;
  raw: string;
}

const CODES = new Set(['staff', 'online', 'agenda', 'walk_in', 'import', 'merge']);

export function parseConsentSource(raw: string): ConsentSource {
  const at = raw.indexOf(':');
  const code = at < 0 ? raw : raw.slice(0, at);
  const detail = at < 0 ? undefined : raw.slice(at + 1).trim() || undefined;
  return CODES.has(code) ? { code, detail, raw } : { code: undefined, detail: undefined, raw };
}
