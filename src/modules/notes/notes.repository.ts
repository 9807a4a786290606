/** SQL of customer notes. Every function takes the tenant id and filters by it. */
import { and, asc, eq, inArray, max, min, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { customerNotes } from '../../db/schema.ts';
import { isUuid } from '../shared/schemas.ts';

export type NoteRow = typeof customerNotes.$inferSelect;

export async function listNotes(
  db: Db,
  tenantId: string,
  customerId: string,
  limit = 1000,
): Promise<NoteRow[]> {
  return db
    .select()
    .from(customerNotes)
    .where(and(eq(customerNotes.tenantId, tenantId), eq(customerNotes.customerId, customerId)))
    .orderBy(asc(customerNotes.position), asc(customerNotes.createdAt))
    .limit(limit);
}

export async function findNote(
  db: Db,
  tenantId: string,
  customerId: string,
  noteId: string,
): Promise<NoteRow | undefined> {
  if (!isUuid(noteId)) return undefined;
  const [row] = await db
    .select()
    .from(customerNotes)
    .where(
      and(
        eq(customerNotes.tenantId, tenantId),
        eq(customerNotes.customerId, customerId),
        eq(customerNotes.id, noteId),
      ),
    );
  return row;
}

/** The position of a note put before all others (new notes come first). */
export async function firstPosition(db: Db, tenantId: string, customerId: string): Promise<number> {
  const [row] = await db
    .select({ first: min(customerNotes.position), last: max(customerNotes.position) })
    .from(customerNotes)
    .where(and(eq(customerNotes.tenantId, tenantId), eq(customerNotes.customerId, customerId)));
  return row?.first === null || row?.first === undefined ? 0 : row.first - 1;
}

export async function insertNote(db: Db, note: typeof customerNotes.$inferInsert): Promise<NoteRow> {
  const [row] = await db.insert(customerNotes).values(note).returning();
  return row!;
}

export async function updateNoteBody(
  db: Db,
  tenantId: string,
  noteId: string,
  body: string,
  now: Date,
): Promise<NoteRow | undefined> {
  const [row] = await db
    .update(customerNotes)
    .set({ body, updatedAt: now })
    .where(and(eq(customerNotes.tenantId, tenantId), eq(customerNotes.id, noteId)))
    .returning();
  return row;
}

export async function deleteNote(db: Db, tenantId: string, noteId: string): Promise<void> {
  await db
    .delete(customerNotes)
    .where(and(eq(customerNotes.tenantId, tenantId), eq(customerNotes.id, noteId)));
}

/** Positions 0, 1, 2… in the order given (the caller checked they are all the customer's notes). */
export async function setPositions(db: Db, tenantId: string, orderedIds: readonly string[]): Promise<void> {
  if (orderedIds.length === 0) return;
  await db
    .update(customerNotes)
    .set({
      position: sql`array_position(${sql.param([...orderedIds])}::uuid[], ${customerNotes.id}) - 1`,
    })
    .where(and(eq(customerNotes.tenantId, tenantId), inArray(customerNotes.id, [...orderedIds])));
}
