// The merge form's state and the request it sends. Defaults follow the server's rule (see
// src/core/merge): the main profile's values, empty ones filled from the other profiles in
// survivor-rule order; the newsletter consent (most restrictive wins) and the free-text notes
// (combined) are left to the server unless staff pick a value.
import type { Comparison, EditableField, FieldValue, MergeRequest } from './mergeApi.ts';

export type FieldPick =
  { kind: 'default' } | { kind: 'from'; customerId: string } | { kind: 'typed'; value: FieldValue };

export interface Decisions {
  onlineAccount?: string;
  newsletter?: string;
  cancelAppointments: string[];
}

export interface MergeFormState {
  survivorId: string;
  picks: Partial<Record<EditableField, FieldPick>>;
  decisions: Decisions;
}

/** Fields the server decides by a rule when staff leave them alone. */
export const RULE_FIELDS: readonly EditableField[] = ['newsletterConsent', 'notes'];

export function isEmpty(value: FieldValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

export function initialState(comparison: Comparison): MergeFormState {
  return {
    survivorId: comparison.rank[0] ?? comparison.customers[0]?.id ?? '',
    picks: {},
    decisions: { cancelAppointments: [] },
  };
}

/** The main profile, then the others in the order their values fill its empty fields. */
export function fillOrder(comparison: Comparison, survivorId: string): string[] {
  const rest = comparison.rank.filter((id) => id !== survivorId);
  return [survivorId, ...rest];
}

/** The profile a field's value comes from by default; null when no profile has one. */
export function defaultSource(
  comparison: Comparison,
  survivorId: string,
  field: EditableField,
): string | null {
  for (const id of fillOrder(comparison, survivorId)) {
    const customer = comparison.customers.find((c) => c.id === id);
    if (customer && !isEmpty(customer.values[field])) return id;
  }
  return null;
}

export type EffectivePick =
  | { kind: 'from'; customerId: string; value: FieldValue }
  | { kind: 'typed'; value: FieldValue }
  | { kind: 'rule' }
  | { kind: 'empty' };

/** What the form shows as a field's result before the preview. */
export function effectivePick(
  state: MergeFormState,
  comparison: Comparison,
  field: EditableField,
): EffectivePick {
  const pick = state.picks[field] ?? { kind: 'default' };
  if (pick.kind === 'typed') return pick;
  const valueOf = (id: string) => comparison.customers.find((c) => c.id === id)?.values[field] ?? null;
  if (pick.kind === 'from')
    return { kind: 'from', customerId: pick.customerId, value: valueOf(pick.customerId) };
  const source = defaultSource(comparison, state.survivorId, field);
  if (RULE_FIELDS.includes(field) && source !== null) return { kind: 'rule' };
  return source === null ? { kind: 'empty' } : { kind: 'from', customerId: source, value: valueOf(source) };
}

/** A new main profile: picks that only followed the old one's defaults follow the new one's. */
export function withSurvivor(state: MergeFormState, survivorId: string): MergeFormState {
  return { ...state, survivorId };
}

export function withPick(state: MergeFormState, field: EditableField, pick: FieldPick): MergeFormState {
  return { ...state, picks: { ...state.picks, [field]: pick } };
}

export function withDecisions(state: MergeFormState, decisions: Partial<Decisions>): MergeFormState {
  return { ...state, decisions: { ...state.decisions, ...decisions } };
}

/**
 * The preview/apply request: the ids, the main profile, and a choice for every field staff
 * touched (a typed text is sent trimmed; an empty one clears the field).
 */
export function requestOf(ids: string[], state: MergeFormState): MergeRequest {
  const fields: MergeRequest['fields'] = {};
  for (const [field, pick] of Object.entries(state.picks) as [EditableField, FieldPick][]) {
    if (pick.kind === 'from') fields[field] = { from: pick.customerId };
    if (pick.kind === 'typed') {
      const value = typeof pick.value === 'string' ? pick.value.trim() || null : pick.value;
      fields[field] = { value };
    }
  }
  const choices: NonNullable<MergeRequest['choices']> = {};
  if (state.decisions.onlineAccount) choices.onlineAccount = state.decisions.onlineAccount;
  if (state.decisions.newsletter) choices.newsletter = state.decisions.newsletter;
  if (state.decisions.cancelAppointments.length > 0)
    choices.cancelAppointments = state.decisions.cancelAppointments;
  return {
    ids,
    survivorId: state.survivorId,
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
    ...(Object.keys(choices).length > 0 ? { choices } : {}),
  };
}

/** The field a server validation error is about ("fields.email" → "email"), if it is a form field. */
export function fieldOfError(path: string | undefined): EditableField | null {
  const match = /^fields\.(\w+)$/.exec(path ?? '');
  return (match?.[1] as EditableField | undefined) ?? null;
}
