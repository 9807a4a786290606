/**
 * `planMerge`: from the profiles to merge and what staff chose, the complete plan — final field
 * values and where each comes from, what moves from which profile, the contact points the old
 * e-mails and phones become, clashes and their decisions, warnings. Pure: the service loads the
 * profiles, shows this plan as the preview and applies exactly this plan.
 *
 * Field defaults: the survivor's value; an empty survivor field is filled from the other
 * profiles in survivor-rule order (see survivor.ts). Exceptions: the newsletter consent follows
 * the most-restrictive rule (clashes.ts), free-text notes of several profiles are combined so
 * none is lost, and "customer since" is always the earliest.
 */
import { EDITABLE_FIELDS, nameOf } from '../customer/customer.ts';
import type { CustomerInput, CustomerValues } from '../customer/customer.ts';
import { EMPTY_VALUES, validateCustomer } from '../customer/validate.ts';
import { defaultAccount, defaultNewsletter, overlappingAppointments, usableAccounts } from './clashes.ts';
import { comparable, e164Field, isPhoneField } from './compare.ts';
import { orderWithSurvivor, rankForSurvival } from './survivor.ts';
import { HISTORY_TABLES } from './types.ts';
import type {
  AppointmentClash,
  HistoryTable,
  MergeChoices,
  MergeClash,
  MergeCustomer,
  MergePlan,
  MergeWarning,
  PlanContext,
  PlanError,
  PlannedContactPoint,
  PlannedField,
  PlannedMove,
  PlanResult,
} from './types.ts';

const NOTES_MAX = 5000;
const NOTES_SEPARATOR = '\n\n';

/** Why a set of profiles cannot be merged at all, before any choice matters. */
export function mergeRefusals(
  ids: readonly string[],
  customers: readonly MergeCustomer[],
  maxRecords: number,
) {
  const errors: PlanError[] = [];
  if (new Set(ids).size !== ids.length) {
    const twice = ids.find((id, i) => ids.indexOf(id) !== i)!;
    const c = customers.find((x) => x.id === twice);
    errors.push({
      code: 'merge_same_record',
      field: 'ids',
      customerId: twice,
      params: { number: c?.number ?? '?' },
    });
    return errors;
  }
  if (ids.length < 2) return [{ code: 'merge_too_few', field: 'ids' }];
  if (ids.length > maxRecords) return [{ code: 'merge_too_many', field: 'ids', params: { max: maxRecords } }];
  for (const c of customers) {
    const params = { number: c.number };
    if (c.deletedAt !== null || c.erasedAt !== null)
      errors.push({ code: 'merge_deleted', field: 'ids', customerId: c.id, params });
    else if (c.mergedInto !== null)
      errors.push({ code: 'merge_already_merged', field: 'ids', customerId: c.id, params });
    else if (c.archivedAt !== null)
      errors.push({ code: 'merge_archived', field: 'ids', customerId: c.id, params });
  }
  return errors;
}

function emailKey(value: string): string {
  return value.trim().toLowerCase();
}

function phoneKey(typed: string, e164: string | null): string {
  return e164 ?? typed.replace(/[^\d+]/g, '');
}

/** E-mails and phones of the profiles as they were, that are neither final values nor contact points already. */
function contactPointsToAdd(
  ordered: readonly MergeCustomer[],
  values: CustomerValues,
): PlannedContactPoint[] {
  const taken = new Set<string>();
  if (values.email) taken.add(`email:${emailKey(values.email)}`);
  for (const f of ['mobile', 'landline', 'phone2'] as const) {
    const typed = values[f];
    if (typed) taken.add(`phone:${phoneKey(typed, values[e164Field(f)] as string | null)}`);
  }
  for (const c of ordered) {
    for (const p of c.contactPoints) {
      taken.add(
        `${p.kind}:${p.normalized ?? (p.kind === 'email' ? emailKey(p.value) : phoneKey(p.value, null))}`,
      );
    }
  }
  const added: PlannedContactPoint[] = [];
  const add = (kind: 'email' | 'phone', value: string, normalized: string, from: string) => {
    const key = `${kind}:${normalized}`;
    if (normalized === '' || taken.has(key)) return;
    taken.add(key);
    added.push({ kind, value, normalized, from });
  };
  for (const c of ordered) {
    if (c.values.email) add('email', c.values.email, emailKey(c.values.email), c.id);
    for (const f of ['mobile', 'landline', 'phone2'] as const) {
      const typed = c.values[f];
      if (typed) add('phone', typed, phoneKey(typed, c.values[e164Field(f)] as string | null), c.id);
    }
  }
  return added;
}

function combinedNotes(ordered: readonly MergeCustomer[]): {
  text: string | null;
  from: string | null;
  parts: number;
} {
  const seen = new Set<string>();
  const parts: { text: string; from: string }[] = [];
  for (const c of ordered) {
    const key = comparable(c.values, 'notes');
    if (key === null || seen.has(key)) continue;
    seen.add(key);
    parts.push({ text: c.values.notes!, from: c.id });
  }
  if (parts.length === 0) return { text: null, from: null, parts: 0 };
  if (parts.length === 1) return { text: parts[0]!.text, from: parts[0]!.from, parts: 1 };
  return { text: parts.map((p) => p.text).join(NOTES_SEPARATOR), from: null, parts: parts.length };
}

export function planMerge(
  ids: readonly string[],
  customers: readonly MergeCustomer[],
  choices: MergeChoices,
  ctx: PlanContext,
): PlanResult {
  const refusals = mergeRefusals(ids, customers, ctx.maxRecords);
  if (refusals.length > 0) return { ok: false, errors: refusals };
  const byId = new Map(customers.map((c) => [c.id, c]));
  const errors: PlanError[] = [];
  const involved = (id: string | undefined, field: string): boolean => {
    if (id === undefined || byId.has(id)) return true;
    errors.push({ code: 'merge_not_involved', field });
    return false;
  };

  const defaultSurvivor = rankForSurvival(customers)[0]!;
  const survivorId =
    choices.survivorId !== undefined && involved(choices.survivorId, 'survivorId')
      ? choices.survivorId
      : defaultSurvivor.id;
  const ordered = orderWithSurvivor(customers, survivorId);
  const survivor = ordered[0]!;
  const merged = ordered.slice(1);
  const warnings: MergeWarning[] = [];

  // Field values: chosen, typed, or the defaults described above.
  const base: CustomerValues = { ...EMPTY_VALUES };
  const typed: CustomerInput = {};
  const fields: PlannedField[] = [];
  const newsletterPick =
    choices.newsletter !== undefined && involved(choices.newsletter, 'choices.newsletter')
      ? byId.get(choices.newsletter)!
      : defaultNewsletter(ordered);
  for (const field of EDITABLE_FIELDS) {
    const options = ordered.map((c) => ({ customerId: c.id, value: c.values[field] }));
    const keys = ordered.map((c) => comparable(c.values, field));
    const identical = keys[0] !== null && keys.every((k) => k === keys[0]);
    const choice = choices.fields?.[field];
    let from: MergeCustomer | null;
    let source: PlannedField['source'];
    if (choice !== undefined && 'from' in choice) {
      if (!involved(choice.from, `fields.${field}`)) continue;
      from = byId.get(choice.from)!;
      source = 'chosen';
    } else if (choice !== undefined) {
      const v = choice.value;
      const wantsBoolean = field === 'newsletterConsent';
      if (v !== null && (wantsBoolean ? typeof v !== 'boolean' : typeof v !== 'string')) {
        errors.push({ code: 'validation.invalid_type', field: `fields.${field}` });
        continue;
      }
      (typed as Record<string, unknown>)[field] = v;
      fields.push({ field, value: v, from: null, source: 'typed', identical, options });
      continue;
    } else if (field === 'newsletterConsent') {
      from = newsletterPick;
      source = choices.newsletter !== undefined ? 'chosen' : 'rule';
    } else if (field === 'notes') {
      const notes = combinedNotes(ordered);
      if (notes.parts > 1 && notes.text!.length <= NOTES_MAX) {
        base.notes = notes.text;
        fields.push({ field, value: notes.text, from: null, source: 'combined', identical, options });
        continue;
      }
      if (notes.parts > 1) warnings.push({ code: 'notes_not_combined', params: { parts: notes.parts } });
      from =
        survivor.values.notes !== null ? survivor : (ordered.find((c) => c.values.notes !== null) ?? null);
      source = from === survivor || from === null ? 'survivor' : 'filled';
    } else {
      from =
        survivor.values[field] !== null ? survivor : (ordered.find((c) => c.values[field] !== null) ?? null);
      source = from === survivor || from === null ? 'survivor' : 'filled';
    }
    const value = from ? from.values[field] : null;
    (base as unknown as Record<string, unknown>)[field] = value;
    if (from && isPhoneField(field)) {
      const e164 = e164Field(field);
      (base as unknown as Record<string, unknown>)[e164] = from.values[e164];
    }
    fields.push({ field, value, from: from?.id ?? survivor.id, source, identical, options });
  }

  const validated = validateCustomer(typed, base, {
    defaultCountry: ctx.defaultCountry,
    required: ctx.required,
    today: ctx.today,
  });
  if (!validated.ok) {
    for (const e of validated.errors)
      errors.push({ code: e.code, field: `fields.${e.field}`, ...(e.params ? { params: e.params } : {}) });
  }

  // Online accounts: every account moves; of the usable ones, one login stays.
  const usable = usableAccounts(ordered);
  let keptAccount = defaultAccount(usable, survivor.id);
  if (choices.onlineAccount !== undefined) {
    if (usable.some((a) => a.id === choices.onlineAccount)) keptAccount = choices.onlineAccount;
    else errors.push({ code: 'merge_unknown_account', field: 'choices.onlineAccount' });
  }

  // Appointments at the same time: kept unless staff cancel them.
  const overlaps = overlappingAppointments(ordered);
  const clashing = new Set(overlaps.pairs.flatMap((p) => [p.a.id, p.b.id]));
  const cancel = [...new Set(choices.cancelAppointments ?? [])];
  for (const id of cancel) {
    if (!clashing.has(id)) errors.push({ code: 'merge_not_a_clash', field: 'choices.cancelAppointments' });
  }
  if (errors.length > 0) return { ok: false, errors };
  const values = (validated as { values: CustomerValues }).values;

  const clashes: MergeClash[] = overlaps.pairs.map((p): AppointmentClash => ({
    kind: 'appointments',
    appointments: [p.a, p.b],
    cancel: cancel.filter((id) => id === p.a.id || id === p.b.id),
  }));
  if (overlaps.total > overlaps.pairs.length)
    warnings.push({ code: 'more_appointment_clashes', params: { count: overlaps.total } });
  if (usable.length > 1) {
    clashes.push({
      kind: 'online_accounts',
      accounts: usable,
      kept: keptAccount!,
      decidedBy: choices.onlineAccount !== undefined ? 'staff' : 'default',
    });
  }

  const newsletterField = fields.find((f) => f.field === 'newsletterConsent')!;
  const newsletterFrom = newsletterField.source === 'typed' ? null : newsletterField.from;
  const newsletterSource = newsletterFrom === null ? null : byId.get(newsletterFrom)!;
  const newsletter = {
    value: values.newsletterConsent,
    at: newsletterSource ? newsletterSource.newsletterConsentAt : null,
    source: newsletterSource ? newsletterSource.newsletterConsentSource : 'merge',
    from: newsletterFrom,
  };
  const consents = ordered
    .filter((c) => c.values.newsletterConsent !== null)
    .map((c) => ({ customerId: c.id, consent: c.values.newsletterConsent!, at: c.newsletterConsentAt }));
  if (consents.some((c) => c.consent) && consents.some((c) => !c.consent)) {
    clashes.push({
      kind: 'newsletter',
      consents,
      value: newsletter.value,
      from: newsletter.from,
      decidedBy:
        choices.fields?.newsletterConsent !== undefined || choices.newsletter !== undefined
          ? 'staff'
          : 'default',
    });
  }

  const earliest = ordered.reduce((best, c) => (c.customerSince < best.customerSince ? c : best));
  const moves: PlannedMove[] = merged.flatMap((c) =>
    HISTORY_TABLES.filter((t) => c.history[t] > 0).map((table) => ({
      from: c.id,
      table,
      count: c.history[table],
    })),
  );
  const totals = Object.fromEntries(
    HISTORY_TABLES.map((t) => [t, ordered.reduce((sum, c) => sum + c.history[t], 0)]),
  ) as Record<HistoryTable, number>;
  const contactPointsAdded = contactPointsToAdd(ordered, values);
  totals.customer_contact_points += contactPointsAdded.length;

  if (survivor.id !== defaultSurvivor.id)
    warnings.push({ code: 'survivor_not_default', params: { number: defaultSurvivor.number } });
  const births = new Set(ordered.map((c) => c.values.birthDate).filter((b) => b !== null));
  if (births.size > 1)
    warnings.push({ code: 'birth_dates_differ', params: { values: [...births].join(', ') } });
  const genders = new Set(ordered.map((c) => c.values.gender).filter((g) => g !== null));
  if (genders.size > 1)
    warnings.push({ code: 'genders_differ', params: { values: [...genders].join(', ') } });

  const plan: MergePlan = {
    survivorId: survivor.id,
    defaultSurvivorId: defaultSurvivor.id,
    mergedIds: merged.map((c) => c.id),
    customers: ordered.map((c) => ({
      id: c.id,
      number: c.number,
      name: nameOf(c.values),
      role: c.id === survivor.id ? 'survivor' : 'merged',
      source: c.source,
      customerSince: c.customerSince,
      history: c.history,
      loyaltyPoints: c.loyaltyPoints,
      lastAppointmentAt: c.lastAppointmentAt,
    })),
    fields: fields.map((f) => ({ ...f, value: values[f.field] })),
    values,
    customerSince: { value: earliest.customerSince, from: earliest.id },
    newsletter,
    moves,
    totals,
    loyaltyPoints: {
      before: Object.fromEntries(ordered.map((c) => [c.id, c.loyaltyPoints])),
      after: ordered.reduce((sum, c) => sum + c.loyaltyPoints, 0),
    },
    contactPointsAdded,
    onlineAccounts: {
      kept: keptAccount,
      disabled: usable.filter((a) => a.id !== keptAccount).map((a) => a.id),
    },
    cancelAppointments: cancel,
    clashes,
    warnings,
  };
  return { ok: true, plan };
}
