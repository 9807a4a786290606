/**
 * Which of the survivor's fields an undo gives back their pre-merge value. The rule: a field
 * whose current value is still the one the merge wrote goes back to what it was before the merge;
 * a field edited since keeps its new value (staff's later edit wins over the undo) and is
 * reported. A phone travels with its E.164 form and the newsletter consent with its date and
 * source, so they are compared and restored as one.
 */
import { EDITABLE_FIELDS } from '../customer/customer.ts';
import type { CustomerValues } from '../customer/customer.ts';
import { e164Field, isPhoneField } from './compare.ts';

/** The survivor's columns a merge writes. */
export interface SurvivorState extends CustomerValues {
  customerSince: string;
  newsletterConsentAt: string | null;
  newsletterConsentSource: string | null;
}

export type RestorableField = (typeof EDITABLE_FIELDS)[number] | 'customerSince';

function columnsOf(field: RestorableField): (keyof SurvivorState)[] {
  if (field === 'customerSince') return ['customerSince'];
  if (field === 'newsletterConsent')
    return ['newsletterConsent', 'newsletterConsentAt', 'newsletterConsentSource'];
  if (isPhoneField(field)) return [field, e164Field(field)];
  return [field];
}

export interface UndoFields {
  /** Columns to write back on the survivor. */
  restore: Partial<SurvivorState>;
  /** Fields the merge changed that were back to their old value anyway or restored. */
  restored: RestorableField[];
  /** Fields the merge changed that were edited since, so they keep their current value. */
  kept: RestorableField[];
}

export function undoFields(before: SurvivorState, after: SurvivorState, current: SurvivorState): UndoFields {
  const restore: Partial<SurvivorState> = {};
  const restored: RestorableField[] = [];
  const kept: RestorableField[] = [];
  for (const field of [...EDITABLE_FIELDS, 'customerSince'] as RestorableField[]) {
    const columns = columnsOf(field);
    const changedByMerge = columns.some((c) => before[c] !== after[c]);
    if (!changedByMerge) continue;
    const untouchedSince = columns.every((c) => current[c] === after[c]);
    if (!untouchedSince) {
      kept.push(field);
      continue;
    }
    for (const c of columns) (restore as Record<string, unknown>)[c] = before[c];
    restored.push(field);
  }
  return { restore, restored, kept };
}
