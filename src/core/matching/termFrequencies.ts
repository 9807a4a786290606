/**
 * How often each value occurs in the tenant's file. A surname that a tenth of the customers carry, or a
 * phone number that five family members share, says less about a pair than a rare one.
 */
import { hash31, MAX_RECORDS } from './blocking.ts';
import type { PreparedRecord } from './types.ts';

export interface TermFrequencies {
  total: number;
  /** Records per given name and per surname (as prepared: all given names glued, particles glued). */
  firstName: Map<string, number>;
  lastName: Map<string, number>;
  /**
   * People per phone number and per mailbox: records holding it, except that records with one given
   * name count once (three records of one customer are one holder, a mother and two children three).
   * The record count is an upper bound that scores a little more cautiously. Only values held by
   * three or more records are listed (the scoring discounts no others).
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

/**
 * The values that occur at least twice in `values`, with their exact counts. For a million mostly
 * distinct values (phones, mailboxes) this is several times faster than counting all of them in a Map:
 * the values are hashed and sorted as numbers, and only runs of equal hashes are counted as strings.
 */
export function countRepeated(values: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  const n = values.length;
  if (n >= MAX_RECORDS) {
    for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
    for (const [v, c] of out) if (c < 2) out.delete(v);
    return out;
  }
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = hash31(values[i] as string) * MAX_RECORDS + i;
  packed.sort();
  let s = 0;
  while (s < n) {
    const h = Math.floor((packed[s] as number) / MAX_RECORDS);
    let e = s + 1;
    while (e < n && Math.floor((packed[e] as number) / MAX_RECORDS) === h) e++;
    if (e - s >= 2) {
      for (let p = s; p < e; p++) {
        const v = values[(packed[p] as number) % MAX_RECORDS] as string;
        out.set(v, (out.get(v) ?? 0) + 1);
      }
    }
    s = e;
  }
  // A hash shared by two different values counted each once.
  for (const [v, c] of out) if (c < 2) out.delete(v);
  return out;
}

function countAll(values: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values) bump(out, v);
  return out;
}

export function buildTermFrequencies(records: readonly PreparedRecord[]): TermFrequencies {
  const first: string[] = [];
  const last: string[] = [];
  const phones: string[] = [];
  const emails: string[] = [];
  for (const r of records) {
    if (r.firstName !== null) first.push(r.firstName);
    if (r.lastName !== null) last.push(r.lastName);
    for (const p of r.phones) phones.push(p);
    for (const e of r.emails) emails.push(e);
  }
  const tf: TermFrequencies = {
    total: records.length,
    // Every name, also those of one record: "not a surname in this file" means something (score.ts).
    firstName: countAll(first),
    lastName: countAll(last),
    phone: countRepeated(phones),
    email: countRepeated(emails),
  };
  for (const map of [tf.phone, tf.email]) for (const [v, c] of map) if (c <= 2) map.delete(v);
  countHolders(records, tf.phone, (r) => r.phones);
  countHolders(records, tf.email, (r) => r.emails);
  return tf;
}
