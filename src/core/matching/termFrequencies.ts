/**
 * How often each value occurs in the tenant's file. A surname that a tenth of the customers carry, or a
 * phone number that five family members share, says less about a pair than a rare one.
 */
import type { PreparedRecord } from './types.ts';

export interface TermFrequencies {
  total: number;
  /** Records per given name and per surname (as prepared: all given names glued, particles glued). */
  firstName: Map<string, number>;
  lastName: Map<string, number>;
  /**
   * People per phone number and per mailbox: records holding it, except that records with one given
   * name count once (three records of one customer are one holder, a mother and two children three).
   * The record count is an upper bound that scores a little more cautiously.
   */
  phone: Map<string, number>;
  email: Map<string, number>;
}

function bump(map: Map<string, number>, key: string | null): void {
  if (key === null) return;
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Who a record is, as far as telling the holders of one number apart goes: its given name's sound. */
function holderKey(r: PreparedRecord, index: number): string {
  return r.firstKeys?.[0] || r.firstName || `#${index}`;
}

/**
 * Turns record counts into holder counts for the values held by three or more records (the only ones
 * the scoring discounts); a value held by one or two records keeps its count.
 */
function countHolders(
  records: readonly PreparedRecord[],
  counts: Map<string, number>,
  values: (r: PreparedRecord) => readonly string[],
): void {
  const holders = new Map<string, Set<string>>();
  for (const [value, count] of counts) if (count > 2) holders.set(value, new Set());
  if (holders.size === 0) return;
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as PreparedRecord;
    for (const v of values(r)) holders.get(v)?.add(holderKey(r, i));
  }
  for (const [value, keys] of holders) counts.set(value, keys.size);
}

export function buildTermFrequencies(records: readonly PreparedRecord[]): TermFrequencies {
  const tf: TermFrequencies = {
    total: records.length,
    firstName: new Map(),
    lastName: new Map(),
    phone: new Map(),
    email: new Map(),
  };
  for (const r of records) {
    bump(tf.firstName, r.firstName);
    bump(tf.lastName, r.lastName);
    for (const p of r.phones) bump(tf.phone, p);
    for (const e of r.emails) bump(tf.email, e);
  }
  countHolders(records, tf.phone, (r) => r.phones);
  countHolders(records, tf.email, (r) => r.emails);
  return tf;
}
