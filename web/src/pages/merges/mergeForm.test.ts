import { describe, expect, it } from 'vitest';
import type { Comparison, ComparedCustomer, CustomerValues } from './mergeApi.ts';
import { idsFromQuery } from './mergeApi.ts';
import {
  effectivePick,
  fieldOfError,
  initialState,
  requestOf,
  withDecisions,
  withPick,
  withSurvivor,
} from './mergeForm.ts';

function customer(id: string, values: Partial<CustomerValues>): ComparedCustomer {
  return {
    id,
    number: Number(id.replace(/\D/g, '')),
    name: id,
    values: {
      firstName: null,
      lastName: null,
      email: null,
      birthDate: null,
      notes: null,
      newsletterConsent: null,
      ...values,
    } as CustomerValues,
    source: 'staff',
    customerSince: '2022-03-24T09:05:00.000Z',
    createdAt: '2022-03-24T09:05:00.000Z',
    history: {} as ComparedCustomer['history'],
    loyaltyPoints: 0,
    lastAppointmentAt: null,
    onlineAccount: null,
    archived: false,
    mergedInto: null,
  };
}

const comparison: Comparison = {
  customers: [
    customer('c1223', { firstName: 'stefanie', email: 'stefaniew@hotmail.com', newsletterConsent: false }),
    customer('c1222', { firstName: 'Stephanie', email: 'stephaniewachters@telenet.be' }),
    customer('c1300', { firstName: 'Steffi', birthDate: '1988-06-14' }),
  ],
  fields: [],
  // The rule ranks the desk profile first, then the third, then the online sign-up.
  rank: ['c1222', 'c1300', 'c1223'],
};
const ids = comparison.customers.map((c) => c.id);

describe('the merge form', () => {
  it("starts with the rule's main profile and shows its values, empty ones filled in rule order", () => {
    const state = initialState(comparison);
    expect(state.survivorId).toBe('c1222');
    expect(effectivePick(state, comparison, 'firstName')).toEqual({
      kind: 'from',
      customerId: 'c1222',
      value: 'Stephanie',
    });
    expect(effectivePick(state, comparison, 'birthDate')).toEqual({
      kind: 'from',
      customerId: 'c1300',
      value: '1988-06-14',
    });
    expect(effectivePick(state, comparison, 'lastName')).toEqual({ kind: 'empty' });
    // Consent and notes follow the server's rules when a profile has one; nothing when none has.
    expect(effectivePick(state, comparison, 'newsletterConsent')).toEqual({ kind: 'rule' });
    expect(effectivePick(state, comparison, 'notes')).toEqual({ kind: 'empty' });
    // Untouched fields are left to the server's identical rule.
    expect(requestOf(ids, state)).toEqual({ ids, survivorId: 'c1222' });
  });

  it('follows a new main profile for untouched fields and keeps explicit picks', () => {
    let state = withPick(initialState(comparison), 'email', { kind: 'from', customerId: 'c1223' });
    state = withSurvivor(state, 'c1300');
    expect(effectivePick(state, comparison, 'firstName')).toMatchObject({
      customerId: 'c1300',
      value: 'Steffi',
    });
    expect(effectivePick(state, comparison, 'email')).toMatchObject({ customerId: 'c1223' });
    expect(requestOf(ids, state)).toEqual({ ids, survivorId: 'c1300', fields: { email: { from: 'c1223' } } });
  });

  it('sends typed values trimmed (empty clears) and the decisions', () => {
    let state = withPick(initialState(comparison), 'city', { kind: 'typed', value: '  Mechelen ' });
    state = withPick(state, 'notes', { kind: 'typed', value: '   ' });
    state = withDecisions(state, { onlineAccount: 'acc', cancelAppointments: ['a1'] });
    expect(requestOf(ids, state)).toEqual({
      ids,
      survivorId: 'c1222',
      fields: { city: { value: 'Mechelen' }, notes: { value: null } },
      choices: { onlineAccount: 'acc', cancelAppointments: ['a1'] },
    });
  });

  it('maps server errors to form fields and reads ids from the address', () => {
    expect(fieldOfError('fields.email')).toBe('email');
    expect(fieldOfError('survivorId')).toBeNull();
    expect(idsFromQuery(' a, b,,a ,c')).toEqual(['a', 'b', 'c']);
    expect(idsFromQuery(null)).toEqual([]);
  });
});
