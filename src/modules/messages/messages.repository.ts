/** SQL of the messages sent to customers. Every function takes the tenant id and filters by it. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { customers, messages } from '../../db/schema.ts';
import { isUuid } from '../shared/schemas.ts';

export type MessageRow = typeof messages.$inferSelect;
export type MessageStatus = MessageRow['status'];

export async function insertMessage(db: Db, row: typeof messages.$inferInsert): Promise<MessageRow> {
  const [inserted] = await db.insert(messages).values(row).returning();
  return inserted!;
}

export async function setMessageResult(
  db: Db,
  tenantId: string,
  id: string,
  result: { status: MessageStatus; error: string | null; sentAt: Date | null },
): Promise<MessageRow | undefined> {
  const [row] = await db
    .update(messages)
    .set(result)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.id, id)))
    .returning();
  return row;
}

export async function findMessage(db: Db, tenantId: string, id: string): Promise<MessageRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.id, id)));
  return row;
}

export async function messagesOfCustomer(
  db: Db,
  tenantId: string,
  customerId: string,
  limit: number,
): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.customerId, customerId)))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
}

export interface OutboxRow extends MessageRow {
  customerNumber: number;
  customerName: string | null;
}

/** Messages of the business in these states, newest first, with whom they are for. */
export async function listByStatus(
  db: Db,
  tenantId: string,
  statuses: readonly MessageStatus[],
  page: { limit: number; offset: number },
): Promise<{ items: OutboxRow[]; total: number }> {
  const where = and(eq(messages.tenantId, tenantId), inArray(messages.status, [...statuses]));
  const items = await db
    .select({
      message: messages,
      customerNumber: customers.number,
      customerName: sql<
        string | null
      >`coalesce(${customers.displayName}, nullif(concat_ws(' ', ${customers.firstName}, ${customers.lastName}), ''))`,
    })
    .from(messages)
    .innerJoin(
      customers,
      and(eq(customers.tenantId, messages.tenantId), eq(customers.id, messages.customerId)),
    )
    .where(where)
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(where);
  return {
    items: items.map((r) => ({
      ...r.message,
      customerNumber: r.customerNumber,
      customerName: r.customerName,
    })),
    total: count?.n ?? 0,
  };
}
