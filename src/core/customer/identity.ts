/**
 * A short fingerprint of what the duplicate matcher reads from a customer (names, contact data,
 * birth date, address) and of its contact points. A "not a duplicate" decision holds while both
 * customers keep the fingerprint they had when staff dismissed the pair.
 */
import { createHash } from 'node:crypto';
import { IDENTITY_FIELDS } from './customer.ts';
import type { CustomerValues } from './customer.ts';

export function identityHash(
  values: Pick<CustomerValues, (typeof IDENTITY_FIELDS)[number]>,
  contactPoints: readonly string[] = [],
): string {
  const h = createHash('sha256');
  for (const field of IDENTITY_FIELDS)
    h.update(`${field}=${(values[field] ?? '').toString().toLowerCase()}\u0000`);
  for (const cp of [...contactPoints].sort()) h.update(`cp=${cp.toLowerCase()}\u0000`);
  return h.digest('base64url').slice(0, 16);
}
