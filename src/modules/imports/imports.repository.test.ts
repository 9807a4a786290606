/** The import's bulk customer insert writes exactly what the shared insert writes. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestTenant } from '../../../test/support/app.ts';
import type { TestContext, TestTenant } from '../../../test/support/app.ts';
import { identityHash } from '../../core/customer/identity.ts';
import { EMPTY_VALUES } from '../../core/customer/validate.ts';
import { insertCustomers } from '../customers/customers.repository.ts';
import type { NewCustomerRow } from '../customers/customers.repository.ts';
import { insertCustomersBulk } from './imports.repository.ts';

let ctx: TestContext;
let tenant: TestTenant;
beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await createTestTenant(ctx);
});
afterAll(async () => ctx?.close());

describe('insertCustomersBulk', () => {
  it('stores the same row as insertCustomers, for every column', async () => {
    const now = new Date('2026-11-24T10:00:00.123Z');
    const values = {
      ...EMPTY_VALUES,
      gender: 'female' as const,
      firstName: 'Séverine',
      lastName: 'Van den Broeck',
      email: 'severine@example.be',
      mobile: '0475 88 88 88',
      mobileE164: '+32475888888',
      birthDate: '1985-03-24',
      city: 'Gent',
      newsletterConsent: true,
      notes: 'O\'Neill "quoted", {braces}',
    };
    const row = (number: number, extra: Partial<NewCustomerRow> = {}): NewCustomerRow => ({
      id: randomUUID(),
      number,
      values,
      source: 'import',
      identityHash: identityHash(values),
      now,
      newsletterConsentSource: 'import:klanten.csv',
      ...extra,
    });
    const a = row(9001);
    const b = row(9002);
    const c = row(9003, {
      values: { ...values, newsletterConsent: null, birthDate: null },
      customerSince: new Date('2020-01-01T00:00:00Z'),
    });
    const d = row(9004, {
      values: { ...values, newsletterConsent: null, birthDate: null },
      customerSince: new Date('2020-01-01T00:00:00Z'),
    });
    await ctx.database.db.transaction(async (tx) => {
      await insertCustomers(tx, tenant.tenantId, [a, c]);
      await insertCustomersBulk(tx, tenant.tenantId, [b, d]);
    });
    const stored = await ctx.database.query<Record<string, unknown>>(
      'SELECT * FROM customers WHERE tenant_id = $1 AND number >= 9001 ORDER BY number',
      [tenant.tenantId],
    );
    const strip = (r: Record<string, unknown>) => ({ ...r, id: undefined, number: undefined });
    expect(stored).toHaveLength(4);
    expect(strip(stored[1]!)).toEqual(strip(stored[0]!));
    expect(strip(stored[3]!)).toEqual(strip(stored[2]!));
    expect(stored[1]).toMatchObject({
      source: 'import',
      newsletter_consent_source: 'import:klanten.csv',
      birth_date: '1985-03-24',
    });
  });
});
