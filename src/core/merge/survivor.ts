/**
 * Which profile survives a merge when staff do not choose, and in which order the others fill
 * its empty fields.
 *
 * The rule, criterion by criterion (the first that differs decides):
 *  1. A profile that staff made (desk, agenda, walk-in, import) beats one made by an online
 *     sign-up: staff records carry what the salon knows, and seed 004 merges the online
 *     customer into the older record, never the other way round.
 *  2. The earliest "customer since" (then the earliest creation): the original record.
 *  3. The most history (appointments, invoices, points, … summed over every table): the profile
 *     staff have worked with.
 *  4. The most filled-in fields.
 *  5. Tie-breaker: the lowest customer number, unique per business, so the rule is a total order
 *     and the same set of profiles always gives the same survivor.
 */
import { EDITABLE_FIELDS } from '../customer/customer.ts';
import type { MergeCustomer } from './types.ts';

function historySize(c: MergeCustomer): number {
  return Object.values(c.history).reduce((sum, n) => sum + n, 0);
}

function filledFields(c: MergeCustomer): number {
  return EDITABLE_FIELDS.filter((f) => c.values[f] !== null && c.values[f] !== '').length;
}

/** Negative when `a` should survive rather than `b`. */
export function compareForSurvival(a: MergeCustomer, b: MergeCustomer): number {
  const online = Number(a.source === 'online') - Number(b.source === 'online');
  if (online !== 0) return online;
  if (a.customerSince !== b.customerSince) return a.customerSince < b.customerSince ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  const history = historySize(b) - historySize(a);
  if (history !== 0) return history;
  const filled = filledFields(b) - filledFields(a);
  if (filled !== 0) return filled;
  return a.number - b.number;
}

/** The profiles best first: the first is the default survivor. */
export function rankForSurvival(customers: readonly MergeCustomer[]): MergeCustomer[] {
  return [...customers].sort(compareForSurvival);
}

/** The survivor staff chose (when given and involved) first, then the rest in rule order. */
export function orderWithSurvivor(customers: readonly MergeCustomer[], survivorId: string): MergeCustomer[] {
  const ranked = rankForSurvival(customers);
  const survivor = ranked.find((c) => c.id === survivorId);
  if (!survivor) return ranked;
  return [survivor, ...ranked.filter((c) => c.id !== survivorId)];
}
