/** SQL of customers' online accounts and their sessions. Every function takes the tenant id and filters by it. */
import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { customerSessions, onlineAccounts } from '../../db/schema.ts';
import { isUuid } from '../shared/schemas.ts';

export type AccountRow = typeof onlineAccounts.$inferSelect;

/** A customer's accounts, the live one (invited or active) first, then the newest. */
export async function accountsOfCustomer(
  db: Db,
  tenantId: string,
  customerId: string,
): Promise<AccountRow[]> {
  if (!isUuid(customerId)) return [];
  return db
    .select()
    .from(onlineAccounts)
    .where(and(eq(onlineAccounts.tenantId, tenantId), eq(onlineAccounts.customerId, customerId)))
    .orderBy(sql`${onlineAccounts.state} = 'disabled'`, desc(onlineAccounts.createdAt));
}

/** The live (not disabled) account with this login e-mail, case-insensitively. */
export async function findLiveByEmail(
  db: Db,
  tenantId: string,
  email: string,
): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(onlineAccounts)
    .where(
      and(
        eq(onlineAccounts.tenantId, tenantId),
        sql`lower(${onlineAccounts.loginEmail}) = lower(${email})`,
        ne(onlineAccounts.state, 'disabled'),
      ),
    );
  return row;
}

export async function findByInviteToken(
  db: Db,
  tenantId: string,
  hash: string,
): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(onlineAccounts)
    .where(and(eq(onlineAccounts.tenantId, tenantId), eq(onlineAccounts.inviteTokenHash, hash)))
    .for('update');
  return row;
}

export async function findByResetToken(
  db: Db,
  tenantId: string,
  hash: string,
): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(onlineAccounts)
    .where(and(eq(onlineAccounts.tenantId, tenantId), eq(onlineAccounts.resetTokenHash, hash)))
    .for('update');
  return row;
}

export async function findAccount(db: Db, tenantId: string, id: string): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(onlineAccounts)
    .where(and(eq(onlineAccounts.tenantId, tenantId), eq(onlineAccounts.id, id)));
  return row;
}

export async function insertAccount(db: Db, row: typeof onlineAccounts.$inferInsert): Promise<AccountRow> {
  const [inserted] = await db.insert(onlineAccounts).values(row).returning();
  return inserted!;
}

export async function updateAccount(
  db: Db,
  tenantId: string,
  id: string,
  patch: Partial<typeof onlineAccounts.$inferInsert>,
): Promise<AccountRow> {
  const [row] = await db
    .update(onlineAccounts)
    .set(patch)
    .where(and(eq(onlineAccounts.tenantId, tenantId), eq(onlineAccounts.id, id)))
    .returning();
  return row!;
}

export async function insertSession(db: Db, row: typeof customerSessions.$inferInsert): Promise<void> {
  await db.insert(customerSessions).values(row);
}

export interface SessionAccount {
  accountId: string;
  customerId: string;
  loginEmail: string;
  csrfToken: string;
  lastSeenAt: Date;
}

/** A live session of an active account. */
export async function findSession(
  db: Db,
  tenantId: string,
  id: string,
  now: Date,
): Promise<SessionAccount | undefined> {
  const [row] = await db
    .select({
      accountId: onlineAccounts.id,
      customerId: onlineAccounts.customerId,
      loginEmail: onlineAccounts.loginEmail,
      csrfToken: customerSessions.csrfToken,
      lastSeenAt: customerSessions.lastSeenAt,
    })
    .from(customerSessions)
    .innerJoin(
      onlineAccounts,
      and(
        eq(onlineAccounts.tenantId, customerSessions.tenantId),
        eq(onlineAccounts.id, customerSessions.accountId),
      ),
    )
    .where(
      and(
        eq(customerSessions.tenantId, tenantId),
        eq(customerSessions.id, id),
        gt(customerSessions.expiresAt, now),
        eq(onlineAccounts.state, 'active'),
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
    .update(customerSessions)
    .set({ lastSeenAt: now, expiresAt })
    .where(and(eq(customerSessions.tenantId, tenantId), eq(customerSessions.id, id)));
}

export async function deleteSession(db: Db, tenantId: string, id: string): Promise<void> {
  await db
    .delete(customerSessions)
    .where(and(eq(customerSessions.tenantId, tenantId), eq(customerSessions.id, id)));
}

export async function deleteSessionsOf(db: Db, tenantId: string, accountId: string): Promise<void> {
  await db
    .delete(customerSessions)
    .where(and(eq(customerSessions.tenantId, tenantId), eq(customerSessions.accountId, accountId)));
}
