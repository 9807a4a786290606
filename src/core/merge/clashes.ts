/**
 * What cannot simply be added together when profiles merge, and the default decision for each:
 *  - appointments of different profiles at the same time (a double booking of one person): both
 *    are kept unless staff cancel one;
 *  - two or more usable online accounts: one login stays, the others are disabled (never
 *    deleted, so the undo can bring them back);
 *  - opposite newsletter consents: the most restrictive (no) wins unless staff choose otherwise.
 */
import type { MergeAppointment, MergeCustomer, MergeOnlineAccount } from './types.ts';

/** More overlapping pairs than this are counted, not listed. */
export const MAX_LISTED_CLASHES = 50;

export interface Overlap {
  a: MergeAppointment & { customerId: string };
  b: MergeAppointment & { customerId: string };
}

/**
 * Pairs of appointments of different profiles whose times overlap; cancelled appointments do not
 * occupy the slot. Sorted by start; at most `limit` pairs, with the total count.
 */
export function overlappingAppointments(
  customers: readonly MergeCustomer[],
  limit = MAX_LISTED_CLASHES,
): { pairs: Overlap[]; total: number } {
  const all = customers
    .flatMap((c) => c.appointments.map((a) => ({ ...a, customerId: c.id })))
    .filter((a) => a.status !== 'cancelled')
    .sort((x, y) => (x.startAt < y.startAt ? -1 : x.startAt > y.startAt ? 1 : x.id < y.id ? -1 : 1));
  const pairs: Overlap[] = [];
  let total = 0;
  let active: typeof all = [];
  for (const appt of all) {
    active = active.filter((o) => o.endAt > appt.startAt);
    for (const other of active) {
      if (other.customerId === appt.customerId) continue;
      total++;
      if (pairs.length < limit) pairs.push({ a: other, b: appt });
    }
    active.push(appt);
  }
  return { pairs, total };
}

/** Accounts whose login works or can still be activated. */
export function usableAccounts(
  customers: readonly MergeCustomer[],
): (MergeOnlineAccount & { customerId: string })[] {
  return customers.flatMap((c) =>
    c.onlineAccounts.filter((a) => a.state !== 'disabled').map((a) => ({ ...a, customerId: c.id })),
  );
}

/**
 * The login that stays by default: an active login over a pending invitation; then the one the
 * customer used most recently (last login, else activation, else creation); then the survivor's
 * own; then the lowest id.
 */
export function defaultAccount(
  accounts: readonly (MergeOnlineAccount & { customerId: string })[],
  survivorId: string,
): string | null {
  const lastUse = (a: MergeOnlineAccount) => a.lastLoginAt ?? a.activatedAt ?? a.createdAt;
  const sorted = [...accounts].sort((x, y) => {
    const active = Number(y.state === 'active') - Number(x.state === 'active');
    if (active !== 0) return active;
    if (lastUse(x) !== lastUse(y)) return lastUse(x) > lastUse(y) ? -1 : 1;
    const own = Number(y.customerId === survivorId) - Number(x.customerId === survivorId);
    if (own !== 0) return own;
    return x.id < y.id ? -1 : 1;
  });
  return sorted[0]?.id ?? null;
}

/**
 * The newsletter consent that stands by default. A withdrawn or refused consent (false) is more
 * restrictive than a given one (true), and wins; "never asked" (null) says nothing and loses to
 * either. Among profiles with the winning value, the most recent statement is kept (its date and
 * how it was given travel with it).
 */
export function defaultNewsletter(ordered: readonly MergeCustomer[]): MergeCustomer | null {
  for (const wanted of [false, true]) {
    const holders = ordered.filter((c) => c.values.newsletterConsent === wanted);
    if (holders.length === 0) continue;
    return holders.reduce((best, c) =>
      (c.newsletterConsentAt ?? '') > (best.newsletterConsentAt ?? '') ? c : best,
    );
  }
  return null;
}
