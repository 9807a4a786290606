/**
 * The demo salon in a database: a Flemish hair salon (Kapsalon Lotus, slug "demo") with its owner,
 * three staff members and about 2,000 generated customers with history and realistic duplicates,
 * among them the brief's Stephanie Wahters / stefanie wachters.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/db/connection.ts';
import { hashPassword } from '../../src/modules/auth/password.ts';
import { addStaff, createTenant } from '../../src/modules/tenants/tenants.service.ts';
import { reindexTenant } from '../../src/modules/duplicates/reindexTenant.ts';
import { demoSalon, DEMO_NOW, SEED_CASE } from './demo.ts';
import type { DemoOptions } from './demo.ts';
import { loadGenerated, weeksBetween } from './load.ts';

export const DEMO_OWNER_EMAIL = 'owner@kapsalon-lotus.be';
/** Password of the demo's active online accounts (customers), for trying the booking page. */
export const DEMO_CUSTOMER_PASSWORD = 'lotus-klant-2026';

export interface DemoLogin {
  tenantId: string;
  tenantSlug: string;
  email: string;
  password: string;
  customers: number;
  seconds: number;
  /** Generated id → database id of every customer. */
  ids: Map<string, string>;
}

/** A password people can read aloud: four groups of letters and digits. */
function readablePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${chars.slice(12, 16)}`;
}

export async function seedDemo(
  database: Database,
  opts: { now: Date; password?: string | undefined; demo?: DemoOptions },
): Promise<DemoLogin> {
  const started = performance.now();
  const password = opts.password ?? readablePassword();
  const salon = demoSalon(opts.demo);
  const { tenant } = await createTenant(database, {
    name: salon.tenant.name,
    slug: salon.tenant.slug,
    country: salon.tenant.country,
    language: salon.tenant.language,
    owner: { email: DEMO_OWNER_EMAIL, name: 'Lotte Peeters', password, language: 'nl' },
  });
  for (const [name, email] of [
    ['Lisa Claes', 'lisa@kapsalon-lotus.be'],
    ['Sofie Maes', 'sofie@kapsalon-lotus.be'],
    ['Jana Wouters', 'jana@kapsalon-lotus.be'],
  ] as const) {
    await addStaff(
      database,
      tenant.id,
      { email, name, password: readablePassword(), role: 'staff', language: 'nl' },
      null,
    );
  }
  const loaded = await loadGenerated(database, salon.customers, {
    tenantId: tenant.id,
    history: salon.history,
    shiftMs: weeksBetween(DEMO_NOW, opts.now),
    pinnedEntities: new Set([SEED_CASE.entityId]),
    accountPasswordHash: await hashPassword(DEMO_CUSTOMER_PASSWORD),
  });
  // The bulk load bypasses the customer write path: build the match index once for the whole file.
  await reindexTenant(database, tenant.id);
  return {
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    email: DEMO_OWNER_EMAIL,
    password,
    customers: loaded.customers,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    ids: loaded.ids,
  };
}
