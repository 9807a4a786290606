/**
 * The duplicate check every door runs before it creates a customer (agenda, walk-in; the booking
 * page has its own rule in bookings): the candidates findDuplicateCandidates finds at or above the
 * business's "possible" threshold. Staff get them as the same 409 `possible_duplicates` the customer
 * form gives, and confirm with `allowDuplicate` or pick the existing customer instead.
 */
import type { CustomerValues } from '../../core/customer/customer.ts';
import type { Db } from '../../db/connection.ts';
import { findDuplicateCandidates } from '../duplicates/duplicates.service.ts';
import type { DuplicateCandidate } from '../duplicates/duplicates.service.ts';
import { AppError } from '../shared/errors.ts';
import type { Language } from '../shared/language.ts';
import '../customers/customers.messages.ts';

/** How many look-alikes a warning lists, most probable first. */
export const LISTED_CANDIDATES = 5;

export function presentCandidate(c: DuplicateCandidate) {
  return {
    id: c.customerId,
    number: c.number,
    name: c.name,
    email: c.email,
    mobile: c.mobile,
    probability: c.probability,
    certain: c.certain,
    reasons: c.fields.map((f) => f.sentence),
    appointmentCount: c.appointmentCount,
    customerSince: c.customerSince,
    lastAppointmentAt: c.lastAppointmentAt,
  };
}

/** Throws 409 possible_duplicates when existing customers look like the one about to be created. */
export async function refuseLikelyDuplicates(
  db: Db,
  tenantId: string,
  values: CustomerValues,
  opts: { lang: Language; now: Date },
): Promise<void> {
  const candidates = await findDuplicateCandidates(
    db,
    tenantId,
    { values },
    { lang: opts.lang, limit: LISTED_CANDIDATES, now: opts.now },
  );
  if (candidates.length > 0) {
    throw new AppError(409, 'possible_duplicates', {
      details: { candidates: candidates.map(presentCandidate) },
    });
  }
}
