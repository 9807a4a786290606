/**
 * How often each value occurs in the tenant's file. A surname that a tenth of the customers carry, or a
 * phone number that five family members share, says less about a pair than a rare one.
 */
import type { PreparedRecord } from './types.ts';

export interface TermFrequencies {
  total: number;
  firstName: Map<string, number>;
  lastName: Map<string, number>;
  phone: Map<string, number>;
  email: Map<string, number>;
}

function bump(map: Map<string, number>, key: string | null): void {
  if (key === null) return;
  map.set(key, (map.get(key) ?? 0) + 1);
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
  return tf;
}
