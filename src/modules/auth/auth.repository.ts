/** SQL of staff logins: accounts, sessions, API tokens and rate-limit events. */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { apiTokens, rateLimitEvents, sessions, staffUsers, tenants } from '../../db/schema.ts';

export interface StaffLogin {
  tenantId: string;
  staffId: string;
  role: 'owner' | 'staff';
  name: string;
  email: string;
  language: string | null;
  passwordHash: string;
  tenantSlug: string;
}

/** Every active staff account with this e-mail, across tenants (one person may work for two salons). */
export async function findStaffByEmail(db: Db, email: string): Promise<StaffLogin[]> {
  return db
    .select({
      tenantId: staffUsers.tenantId,
      staffId: staffUsers.id,
      role: staffUsers.role,
      name: staffUsers.name,
      email: staffUsers.email,
      language: staffUsers.language,
      passwordHash: staffUsers.passwordHash,
      tenantSlug: tenants.slug,
    })
    .from(staffUsers)
    .innerJoin(tenants, eq(tenants.id, staffUsers.tenantId))
    .where(and(sql`lower(${staffUsers.email}) = lower(${email})`, isNull(staffUsers.disabledAt)));
}

export async function insertSession(
  db: Db,
  s: { tenantId: string; id: string; staffId: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db.insert(sessions).values(s);
}

export interface SessionActor {
  staffId: string;
  role: 'owner' | 'staff';
  name: string;
  language: string | null;
  csrfToken: string;
  lastSeenAt: Date;
}

export async function findSession(
  db: Db,
  tenantId: string,
  id: string,
  now: Date,
): Promise<SessionActor | undefined> {
  const [row] = await db
    .select({
      staffId: staffUsers.id,
      role: staffUsers.role,
      name: staffUsers.name,
      language: staffUsers.language,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(
      staffUsers,
      and(eq(staffUsers.tenantId, sessions.tenantId), eq(staffUsers.id, sessions.staffId)),
    )
    .where(
      and(
        eq(sessions.tenantId, tenantId),
        eq(sessions.id, id),
        gt(sessions.expiresAt, now),
        isNull(staffUsers.disabledAt),
      ),
    );
  return row;
}

export async function touchSession(
  db: Db,
  tenantId: string,
  id: string,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: now, expiresAt })
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
}

export async function deleteSession(db: Db, tenantId: string, id: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
}

export async function findApiToken(
  db: Db,
  tenantId: string,
  tokenHash: string,
): Promise<
  | {
      id: string;
      staffId: string;
      role: 'owner' | 'staff';
      name: string;
      language: string | null;
      lastUsedAt: Date | null;
    }
  | undefined
> {
  const [row] = await db
    .select({
      id: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      staffId: staffUsers.id,
      role: staffUsers.role,
      name: staffUsers.name,
      language: staffUsers.language,
    })
    .from(apiTokens)
    .innerJoin(
      staffUsers,
      and(eq(staffUsers.tenantId, apiTokens.tenantId), eq(staffUsers.id, apiTokens.staffId)),
    )
    .where(
      and(
        eq(apiTokens.tenantId, tenantId),
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        isNull(staffUsers.disabledAt),
      ),
    );
  return row;
}

/** Records use at most once a minute per token, so a busy integration does not write on every request. */
export async function markApiTokenUsed(db: Db, tenantId: string, id: string, now: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.tenantId, tenantId),
        eq(apiTokens.id, id),
        sql`(${apiTokens.lastUsedAt} IS NULL OR ${apiTokens.lastUsedAt} < ${new Date(now.getTime() - 60_000)})`,
      ),
    );
}

/** Events for `key` since `since`. */
export async function countRateEvents(db: Db, key: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(rateLimitEvents)
    .where(and(eq(rateLimitEvents.key, key), gt(rateLimitEvents.at, since)));
  return row?.n ?? 0;
}

export async function recordRateEvent(db: Db, key: string, at: Date): Promise<void> {
  await db.insert(rateLimitEvents).values({ key, at });
}

export async function clearRateEvents(db: Db, key: string): Promise<void> {
  await db.delete(rateLimitEvents).where(eq(rateLimitEvents.key, key));
}

export async function pruneRateEvents(db: Db, before: Date): Promise<void> {
  await db.delete(rateLimitEvents).where(sql`${rateLimitEvents.at} < ${before}`);
}
