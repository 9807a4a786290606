/**
 * Creating a customer from the staff app or the API, with the duplicate check before it: when
 * existing customers look like the same person (at or above the business's "possible" threshold)
 * nothing is created and the answer lists them, so staff open the existing profile instead or
 * confirm with `allowDuplicate`. Validation runs first, so a form with errors gets those errors,
 * not a duplicate warning.
 */
import type { CustomerInput } from '../../core/customer/customer.ts';
import { EMPTY_VALUES, validateCustomer } from '../../core/customer/validate.ts';
import type { Database } from '../../db/connection.ts';
import { findDuplicateCandidates } from '../duplicates/duplicates.service.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { Language } from '../shared/language.ts';
import type { CustomerRow } from './customers.repository.ts';
import { createCustomer, validationContext, validationFailed } from './customers.service.ts';

/** How many look-alikes a refusal lists, most probable first. */
const LISTED_CANDIDATES = 5;

export async function createCustomerChecked(
  database: Database,
  actor: Actor,
  input: CustomerInput,
  opts: { allowDuplicate: boolean; lang: Language },
  now: Date,
): Promise<CustomerRow> {
  if (!opts.allowDuplicate) {
    const ctx = await validationContext(database.db, actor.tenantId, now);
    const result = validateCustomer(input, EMPTY_VALUES, ctx);
    if (!result.ok) throw validationFailed(result.errors);
    const candidates = await findDuplicateCandidates(
      database.db,
      actor.tenantId,
      { values: result.values },
      { lang: opts.lang, limit: LISTED_CANDIDATES, now },
    );
    if (candidates.length > 0) {
      throw new AppError(409, 'possible_duplicates', {
        details: {
          candidates: candidates.map((c) => ({
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
          })),
        },
      });
    }
  }
  return createCustomer(database, actor.tenantId, input, { source: 'staff', actor, now });
}
