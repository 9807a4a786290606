/**
 * A tenant with something of everything: staff, an API token, a queued job, generated customers
 * with history (appointments, invoices, notes, points, subscriptions, booking requests, online
 * accounts). The isolation walker calls routes on one such tenant from another; the fuzzer calls
 * them on its own.
 */
import { generateCustomers } from '../../bench/generator/index.ts';
import { loadGenerated } from '../../bench/generator/load.ts';
import { createApiToken } from '../../src/modules/tenants/tenants.service.ts';
import { addTestStaff, createTestTenant } from './app.ts';
import type { TestContext, TestTenant } from './app.ts';

export interface TenantObjects {
  tenant: TestTenant;
  tenantId: string;
  slug: string;
  ownerId: string;
  staffId: string;
  staffEmail: string;
  tokenId: string;
  jobId: string;
  customerIds: string[];
  /** Named objects of the tenant: appointmentId, invoiceId, noteId, … */
  ids: Record<string, string>;
  /** Strings that identify this tenant's data (names, e-mails, ids). */
  secrets: string[];
}

export async function seedTenant(ctx: TestContext, name: string, seed = 7): Promise<TenantObjects> {
  const tenant = await createTestTenant(ctx, { name });
  const staff = await addTestStaff(ctx, tenant);
  const owner = {
    tenantId: tenant.tenantId,
    staffId: tenant.ownerId,
    role: 'owner' as const,
    name: `${name} owner`,
    via: 'session' as const,
  };
  const token = await createApiToken(ctx.database, owner, `${name} integration`);
  const job = await ctx.deps.jobs.enqueue(tenant.tenantId, 'seed.never-runs', { note: name }, tenant.ownerId);
  const generated = [...generateCustomers({ seed, n: 40, country: 'BE' })];
  const loaded = await loadGenerated(ctx.database, generated, {
    tenantId: tenant.tenantId,
    history: { seed },
  });
  const customerIds = [...loaded.ids.values()];
  const secrets = [tenant.tenantId, tenant.ownerEmail, staff.email, name, token.id, job.id, ...customerIds];
  for (const c of generated) if (c.email) secrets.push(c.email);
  const ids: Record<string, string> = {};
  for (const [key, table] of [
    ['appointmentId', 'appointments'],
    ['invoiceId', 'invoices'],
    ['noteId', 'customer_notes'],
    ['loyaltyId', 'loyalty_ledger'],
    ['subscriptionId', 'subscriptions'],
    ['bookingRequestId', 'booking_requests'],
    ['onlineAccountId', 'online_accounts'],
  ] as const) {
    const [row] = await ctx.database.query<{ id: string }>(
      `SELECT id FROM ${table} WHERE tenant_id = $1 LIMIT 1`,
      [tenant.tenantId],
    );
    if (row) {
      ids[key] = row.id;
      secrets.push(row.id);
    }
  }
  return {
    tenant,
    tenantId: tenant.tenantId,
    slug: tenant.slug,
    ownerId: tenant.ownerId,
    staffId: staff.id,
    staffEmail: staff.email,
    tokenId: token.id,
    jobId: job.id,
    customerIds,
    ids,
    secrets,
  };
}
