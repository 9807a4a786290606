// The customer form as plain data: values from a customer, what to send, errors from the server
// by field, and what changed when an edit meets a newer version (409 version_conflict).
import { ApiError } from '../../lib/api.ts';
import type { Customer, CustomerInput, FormField, FormValues } from './customersApi.ts';
import { FORM_FIELDS } from './customersApi.ts';

const TEXT_FIELDS = FORM_FIELDS.filter((f) => f !== 'newsletterConsent') as Exclude<
  FormField,
  'newsletterConsent'
>[];

export function toFormValues(customer: Partial<Customer> | null): FormValues {
  const values = { newsletterConsent: customer?.newsletterConsent ?? null } as FormValues;
  for (const field of TEXT_FIELDS) values[field] = (customer?.[field] as string | null | undefined) ?? '';
  return values;
}

const clean = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** Everything filled in (a new customer), or only what differs from `base` (an edit). */
export function toInput(values: FormValues, base?: FormValues): CustomerInput {
  const input: CustomerInput = {};
  for (const field of TEXT_FIELDS) {
    const value = clean(values[field]);
    if (base === undefined ? value !== null : value !== clean(base[field])) input[field] = value;
  }
  if (
    base === undefined
      ? values.newsletterConsent !== null
      : values.newsletterConsent !== base.newsletterConsent
  )
    input.newsletterConsent = values.newsletterConsent;
  return input;
}

export type FieldErrors = Partial<Record<FormField | 'form', string>>;

/**
 * Errors of a failed save by field. The server names the first field in `field` and lists every
 * field error in `details.errors`; the sentence (in the user's language) belongs to the first.
 */
export function fieldErrors(error: unknown, label: (field: string) => string): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const out: FieldErrors = {};
  const listed = (error.details?.errors ?? []) as { field: string; code: string }[];
  for (const e of listed) {
    if ((FORM_FIELDS as readonly string[]).includes(e.field) && e.field !== error.field)
      out[e.field as FormField] = label(e.code);
  }
  if (error.field && (FORM_FIELDS as readonly string[]).includes(error.field)) {
    out[error.field as FormField] = error.message;
  } else {
    out.form = error.message;
  }
  return out;
}

export interface ConflictRow {
  field: FormField;
  /** What the form showed when editing started. */
  before: string | boolean | null;
  mine: string | boolean | null;
  theirs: string | boolean | null;
  changedByThem: boolean;
  changedByMe: boolean;
}

const norm = (v: unknown): string | boolean | null =>
  v === undefined || v === null || v === '' ? null : (v as string | boolean);

/**
 * Field by field, what someone else changed since the form was opened, beside what this edit
 * has there: the rows to show instead of silently overwriting. A row I changed too is a clash.
 */
export function conflictRows(
  before: FormValues,
  mine: FormValues,
  theirs: Record<string, unknown>,
): ConflictRow[] {
  const rows: ConflictRow[] = [];
  for (const field of FORM_FIELDS) {
    const b = field === 'newsletterConsent' ? before.newsletterConsent : norm(clean(before[field]));
    const m = field === 'newsletterConsent' ? mine.newsletterConsent : norm(clean(mine[field]));
    const t = norm(typeof theirs[field] === 'string' ? clean(theirs[field]) : theirs[field]);
    if (t !== b)
      rows.push({ field, before: b, mine: m, theirs: t, changedByThem: true, changedByMe: m !== b });
  }
  return rows;
}

/** The form after a conflict: their values, with my changes on top for the fields I changed. */
export function rebase(before: FormValues, mine: FormValues, theirs: Record<string, unknown>): FormValues {
  const base = toFormValues(theirs as Partial<Customer>);
  const out = { ...base };
  for (const field of TEXT_FIELDS) if (clean(mine[field]) !== clean(before[field])) out[field] = mine[field];
  if (mine.newsletterConsent !== before.newsletterConsent) out.newsletterConsent = mine.newsletterConsent;
  return out;
}
