/** SQL of tenants, their staff and API tokens. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { apiTokens, staffUsers, tenants } from '../../db/schema.ts';
import type { Tenant } from '../../db/schema.ts';

export async function insertTenant(
  db: Db,
  t: { id: string; slug: string; name: string; country: string; language: string },
): Promise<void> {
  await db.insert(tenants).values(t);
}

export async function findTenant(db: Db, id: string): Promise<Tenant | undefined> {
  const [row] = await db.select().from(tenants).where(eq(tenants.id, id));
  return row;
}

export async function findTenantBySlug(db: Db, slug: string): Promise<Tenant | undefined> {
  const [row] = await db.select().from(tenants).where(eq(tenants.slug, slug));
  return row;
}

export async function countTenants(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tenants);
  return row?.n ?? 0;
}

export async function updateTenant(
  db: Db,
  id: string,
  patch: Partial<Pick<Tenant, 'name' | 'country' | 'language' | 'settings'>>,
): Promise<void> {
  await db.update(tenants).set(patch).where(eq(tenants.id, id));
}

export async function insertStaff(
  db: Db,
  s: {
    tenantId: string;
    id: string;
    email: string;
    name: string;
    role: 'owner' | 'staff';
    passwordHash: string;
    language: string | null;
  },
): Promise<void> {
  await db.insert(staffUsers).values(s);
}

export async function staffEmailTaken(db: Db, tenantId: string, email: string): Promise<boolean> {
  const rows = await db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.tenantId, tenantId), sql`lower(${staffUsers.email}) = lower(${email})`));
  return rows.length > 0;
}

export async function listStaff(db: Db, tenantId: string) {
  return db
    .select({
      id: staffUsers.id,
      email: staffUsers.email,
      name: staffUsers.name,
      role: staffUsers.role,
      language: staffUsers.language,
      createdAt: staffUsers.createdAt,
      disabledAt: staffUsers.disabledAt,
    })
    .from(staffUsers)
    .where(eq(staffUsers.tenantId, tenantId))
    .orderBy(asc(staffUsers.createdAt));
}

export async function findStaff(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select({
      id: staffUsers.id,
      email: staffUsers.email,
      name: staffUsers.name,
      role: staffUsers.role,
      language: staffUsers.language,
    })
    .from(staffUsers)
    .where(and(eq(staffUsers.tenantId, tenantId), eq(staffUsers.id, id)));
  return row;
}

export async function insertApiToken(
  db: Db,
  t: { tenantId: string; id: string; staffId: string; name: string; tokenHash: string },
): Promise<void> {
  await db.insert(apiTokens).values(t);
}

export async function listApiTokens(db: Db, tenantId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      staffId: apiTokens.staffId,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.tenantId, tenantId), isNull(apiTokens.revokedAt)))
    .orderBy(asc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Db, tenantId: string, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}
