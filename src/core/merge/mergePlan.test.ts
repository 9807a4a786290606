import { describe, expect, it } from 'vitest';
import { CTX, profile, seedCase } from './fixtures.test-support.ts';
import { planMerge } from './mergePlan.ts';
import type { MergePlan, PlanResult } from './types.ts';

function ok(result: PlanResult): MergePlan {
  if (!result.ok) throw new Error(`expected a plan, got ${JSON.stringify(result.errors)}`);
  return result.plan;
}
const field = (plan: MergePlan, name: string) => plan.fields.find((f) => f.field === name)!;

describe('planMerge on the seed case', () => {
  const { stephanie, stefanie } = seedCase();
  const ids = [stefanie.id, stephanie.id];

  it('keeps the desk profile, fills nothing it has, and moves the online profile into it', () => {
    const plan = ok(planMerge(ids, [stefanie, stephanie], {}, CTX));
    expect(plan.survivorId).toBe(stephanie.id);
    expect(plan.mergedIds).toEqual([stefanie.id]);
    expect(field(plan, 'firstName')).toMatchObject({
      value: 'Stephanie',
      from: stephanie.id,
      source: 'survivor',
    });
    expect(field(plan, 'mobile')).toMatchObject({ value: '0475 888 888', identical: true });
    expect(field(plan, 'email').identical).toBe(false);
    expect(plan.moves).toEqual([
      { from: stefanie.id, table: 'appointments', count: 2 },
      { from: stefanie.id, table: 'booking_requests', count: 2 },
      { from: stefanie.id, table: 'loyalty_ledger', count: 1 },
      { from: stefanie.id, table: 'online_accounts', count: 1 },
    ]);
    expect(plan.totals.appointments).toBe(5);
    expect(plan.loyaltyPoints.after).toBe(176);
    // The online login moves with the merge and stays usable: there is only one.
    expect(plan.onlineAccounts).toEqual({ kept: 'acc-stefanie', disabled: [] });
    expect(plan.customerSince).toEqual({ value: stephanie.customerSince, from: stephanie.id });
  });

  it("keeps her first name and stefanie's e-mail; the old address becomes a contact point", () => {
    const plan = ok(planMerge(ids, [stephanie, stefanie], { fields: { email: { from: stefanie.id } } }, CTX));
    expect(plan.values.firstName).toBe('Stephanie');
    expect(plan.values.email).toBe('stefaniew@hotmail.com');
    expect(field(plan, 'email')).toMatchObject({ from: stefanie.id, source: 'chosen' });
    expect(plan.contactPointsAdded).toEqual([
      {
        kind: 'email',
        value: 'stephaniewachters@telenet.be',
        normalized: 'stephaniewachters@telenet.be',
        from: stephanie.id,
      },
    ]);
  });

  it('lets the most restrictive newsletter consent win, unless staff choose the other', () => {
    const plan = ok(planMerge(ids, [stephanie, stefanie], {}, CTX));
    expect(plan.values.newsletterConsent).toBe(false);
    expect(field(plan, 'newsletterConsent')).toMatchObject({ source: 'rule', from: stefanie.id });
    expect(plan.newsletter).toEqual({
      value: false,
      at: stefanie.newsletterConsentAt,
      source: 'online booking form',
      from: stefanie.id,
    });
    const clash = plan.clashes.find((c) => c.kind === 'newsletter');
    expect(clash).toMatchObject({ value: false, decidedBy: 'default' });

    const chosen = ok(planMerge(ids, [stephanie, stefanie], { newsletter: stephanie.id }, CTX));
    expect(chosen.values.newsletterConsent).toBe(true);
    expect(chosen.newsletter.at).toBe(stephanie.newsletterConsentAt);
    expect(field(chosen, 'newsletterConsent')).toMatchObject({ source: 'chosen', from: stephanie.id });
    expect(chosen.clashes.find((c) => c.kind === 'newsletter')).toMatchObject({ decidedBy: 'staff' });
  });

  it('may merge the older record into the online one when staff say so, and warns', () => {
    const plan = ok(planMerge(ids, [stephanie, stefanie], { survivorId: stefanie.id }, CTX));
    expect(plan.survivorId).toBe(stefanie.id);
    expect(plan.values.firstName).toBe('stefanie');
    // Empty fields of the survivor are filled from the other profile.
    expect(field(plan, 'birthDate')).toMatchObject({
      value: '1988-06-14',
      from: stephanie.id,
      source: 'filled',
    });
    expect(plan.warnings).toContainEqual({ code: 'survivor_not_default', params: { number: 1222 } });
    // The earliest "customer since" wins whichever profile survives.
    expect(plan.customerSince.from).toBe(stephanie.id);
  });
});

describe('planMerge field choices', () => {
  it('validates a typed value as an edit does and names the field', () => {
    const a = profile();
    const b = profile();
    const result = planMerge([a.id, b.id], [a, b], { fields: { email: { value: 'not-an-email' } } }, CTX);
    expect(result).toEqual({ ok: false, errors: [{ code: 'invalid_email', field: 'fields.email' }] });
  });

  it('normalises a typed phone and keeps the typed form', () => {
    const a = profile();
    const b = profile();
    const plan = ok(planMerge([a.id, b.id], [a, b], { fields: { mobile: { value: '0475/12.34.56' } } }, CTX));
    expect(plan.values.mobile).toBe('0475/12.34.56');
    expect(plan.values.mobileE164).toBe('+32475123456');
    expect(field(plan, 'mobile').source).toBe('typed');
  });

  it('keeps a chosen phone with the E.164 form of its own profile', () => {
    const a = profile({ values: { mobile: '0475 11 22 33', mobileE164: '+32475112233', country: 'BE' } });
    const b = profile({ values: { mobile: '06 12345678', mobileE164: '+31612345678', country: 'NL' } });
    const plan = ok(planMerge([a.id, b.id], [a, b], { fields: { mobile: { from: b.id } } }, CTX));
    expect(plan.values.mobileE164).toBe('+31612345678');
    expect(plan.contactPointsAdded.map((c) => c.normalized)).toEqual(['+32475112233']);
  });

  it('refuses a source profile, account or appointment that is not part of the merge', () => {
    const a = profile();
    const b = profile();
    const result = planMerge(
      [a.id, b.id],
      [a, b],
      {
        fields: { firstName: { from: 'elsewhere' } },
        onlineAccount: 'nope',
        cancelAppointments: ['x'],
        newsletter: 'other',
      },
      CTX,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'choices.newsletter:merge_not_involved',
      'fields.firstName:merge_not_involved',
      'choices.onlineAccount:merge_unknown_account',
      'choices.cancelAppointments:merge_not_a_clash',
    ]);
  });

  it('refuses a typed value of the wrong type', () => {
    const a = profile();
    const b = profile();
    const result = planMerge([a.id, b.id], [a, b], { fields: { newsletterConsent: { value: 'yes' } } }, CTX);
    expect(result).toEqual({
      ok: false,
      errors: [{ code: 'validation.invalid_type', field: 'fields.newsletterConsent' }],
    });
  });

  it('combines different free-text notes so none is lost', () => {
    const a = profile({ values: { notes: 'Allergisch voor ammoniak' } });
    const b = profile({ values: { notes: 'Komt altijd te laat' } });
    const c = profile({ values: { notes: 'allergisch voor  ammoniak' } });
    const plan = ok(planMerge([a.id, b.id, c.id], [a, b, c], { survivorId: a.id }, CTX));
    expect(field(plan, 'notes')).toMatchObject({
      source: 'combined',
      value: 'Allergisch voor ammoniak\n\nKomt altijd te laat',
    });
  });
});

describe('planMerge guards', () => {
  const a = profile();
  const b = profile();

  it('refuses a record with itself', () => {
    expect(planMerge([a.id, a.id], [a], {}, CTX)).toMatchObject({
      ok: false,
      errors: [{ code: 'merge_same_record', customerId: a.id }],
    });
  });

  it('refuses more records than the limit and fewer than two', () => {
    const many = Array.from({ length: 21 }, () => profile());
    expect(
      planMerge(
        many.map((c) => c.id),
        many,
        {},
        CTX,
      ),
    ).toMatchObject({
      ok: false,
      errors: [{ code: 'merge_too_many', params: { max: 20 } }],
    });
    expect(planMerge([a.id], [a], {}, CTX)).toMatchObject({ ok: false, errors: [{ code: 'merge_too_few' }] });
  });

  it('refuses archived, already merged and deleted records, naming each', () => {
    const archived = profile({ archivedAt: '2026-01-01T00:00:00.000Z' });
    const merged = profile({ mergedInto: a.id });
    const deleted = profile({ deletedAt: '2026-01-01T00:00:00.000Z' });
    const result = planMerge(
      [a.id, archived.id, merged.id, deleted.id],
      [a, archived, merged, deleted],
      {},
      CTX,
    );
    expect(!result.ok && result.errors.map((e) => [e.code, e.params?.number])).toEqual([
      ['merge_archived', archived.number],
      ['merge_already_merged', merged.number],
      ['merge_deleted', deleted.number],
    ]);
  });

  it('refuses a survivor that is not one of the records', () => {
    expect(planMerge([a.id, b.id], [a, b], { survivorId: 'x' }, CTX)).toMatchObject({
      ok: false,
      errors: [{ code: 'merge_not_involved', field: 'survivorId' }],
    });
  });
});

describe('planMerge clashes', () => {
  const account = (
    id: string,
    state: 'active' | 'invited' | 'disabled',
    lastLoginAt: string | null = null,
  ) => ({
    id,
    loginEmail: `${id}@example.com`,
    state,
    createdAt: '2023-01-01T00:00:00.000Z',
    activatedAt: state === 'active' ? '2023-01-02T00:00:00.000Z' : null,
    lastLoginAt,
  });

  it('keeps one login of several: an active one over an invitation, the last used first; disables the rest', () => {
    const a = profile({ onlineAccounts: [account('a-invited', 'invited')] });
    const b = profile({ onlineAccounts: [account('b-active', 'active', '2025-01-01T00:00:00.000Z')] });
    const c = profile({
      onlineAccounts: [
        account('c-active', 'active', '2026-01-01T00:00:00.000Z'),
        account('c-old', 'disabled'),
      ],
    });
    const plan = ok(planMerge([a.id, b.id, c.id], [a, b, c], { survivorId: a.id }, CTX));
    expect(plan.onlineAccounts).toEqual({ kept: 'c-active', disabled: ['a-invited', 'b-active'] });
    const clash = plan.clashes.find((x) => x.kind === 'online_accounts');
    expect(clash && clash.kind === 'online_accounts' && clash.accounts.map((x) => x.id)).toEqual([
      'a-invited',
      'b-active',
      'c-active',
    ]);

    const chosen = ok(
      planMerge([a.id, b.id, c.id], [a, b, c], { survivorId: a.id, onlineAccount: 'b-active' }, CTX),
    );
    expect(chosen.onlineAccounts).toEqual({ kept: 'b-active', disabled: ['a-invited', 'c-active'] });
  });

  it('finds appointments of different profiles at the same time, and lets staff cancel one', () => {
    const appt = (id: string, start: string, end: string, status = 'booked') => ({
      id,
      startAt: start,
      endAt: end,
      status,
      service: 'Knippen',
    });
    const a = profile({
      appointments: [
        appt('a1', '2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z'),
        appt('a2', '2026-12-01T10:30:00Z', '2026-12-01T11:30:00Z'),
      ],
    });
    const b = profile({
      appointments: [
        appt('b1', '2026-12-01T10:45:00Z', '2026-12-01T11:15:00Z'),
        appt('b2', '2026-12-01T11:00:00Z', '2026-12-01T12:00:00Z', 'cancelled'),
        appt('b3', '2026-12-01T11:30:00Z', '2026-12-01T12:00:00Z'),
      ],
    });
    const plan = ok(planMerge([a.id, b.id], [a, b], {}, CTX));
    const pairs = plan.clashes.flatMap((c) =>
      c.kind === 'appointments' ? [c.appointments.map((x) => x.id)] : [],
    );
    // Same profile (a1/a2), cancelled (b2) and touching ends (a2/b3) are not clashes.
    expect(pairs).toEqual([
      ['a1', 'b1'],
      ['a2', 'b1'],
    ]);
    const cancelled = ok(planMerge([a.id, b.id], [a, b], { cancelAppointments: ['b1'] }, CTX));
    expect(cancelled.cancelAppointments).toEqual(['b1']);
    expect(
      cancelled.clashes
        .filter((c) => c.kind === 'appointments')
        .map((c) => c.kind === 'appointments' && c.cancel),
    ).toEqual([['b1'], ['b1']]);
  });
});
