/**
 * A customer's notes: added on top, edited, deleted and put in order by dragging. The order is
 * the `position` column, rewritten as 0, 1, 2… on every reorder. Notes hang on the customer a
 * merged-away id resolves to; every change is written to the audit log in its transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Db } from '../../db/connection.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { resolveCustomer } from '../customers/customers.service.ts';
import type { Actor } from '../shared/actor.ts';
import { actorLabel } from '../shared/actor.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import * as repo from './notes.repository.ts';
import type { NoteRow } from './notes.repository.ts';
import './notes.messages.ts';

export const MAX_NOTE_LENGTH = 5000;

function cleanText(text: string): string {
  // NUL cannot be stored in PostgreSQL text.
  const t = text.replaceAll(String.fromCharCode(0), '').trim();
  if (t === '') throw invalid('text', 'validation.required');
  if (t.length > MAX_NOTE_LENGTH) throw invalid('text', 'validation.too_big', { maximum: MAX_NOTE_LENGTH });
  return t;
}

/** The live customer (a merged-away id resolves to its survivor); erased customers take no notes. */
async function customerOf(db: Db, actor: Actor, customerId: string, forWrite: boolean): Promise<string> {
  const { row } = await resolveCustomer(db, actor.tenantId, customerId);
  if (forWrite && row.erasedAt !== null) throw new AppError(409, 'customer_erased');
  return row.id;
}

async function audit(
  db: Db,
  actor: Actor,
  action: string,
  customerId: string,
  noteId: string | null,
  now: Date,
) {
  await writeAudit(db, {
    tenantId: actor.tenantId,
    actorStaffId: actor.staffId,
    actor: actorLabel(actor),
    action,
    entityType: 'note',
    entityId: noteId,
    customerIds: [customerId],
    at: now,
  });
}

export async function listNotes(database: Database, actor: Actor, customerId: string): Promise<NoteRow[]> {
  const id = await customerOf(database.db, actor, customerId, false);
  return repo.listNotes(database.db, actor.tenantId, id);
}

export async function addNote(
  database: Database,
  actor: Actor,
  customerId: string,
  text: string,
  now: Date,
): Promise<NoteRow> {
  const body = cleanText(text);
  return database.db.transaction(async (tx) => {
    const id = await customerOf(tx, actor, customerId, true);
    const note = await repo.insertNote(tx, {
      tenantId: actor.tenantId,
      id: randomUUID(),
      customerId: id,
      position: await repo.firstPosition(tx, actor.tenantId, id),
      body,
      createdBy: actor.staffId,
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx, actor, 'note.added', id, note.id, now);
    return note;
  });
}

export async function editNote(
  database: Database,
  actor: Actor,
  customerId: string,
  noteId: string,
  text: string,
  now: Date,
): Promise<NoteRow> {
  const body = cleanText(text);
  return database.db.transaction(async (tx) => {
    const id = await customerOf(tx, actor, customerId, true);
    const note = await repo.findNote(tx, actor.tenantId, id, noteId);
    if (!note) throw notFound('note');
    const updated = await repo.updateNoteBody(tx, actor.tenantId, note.id, body, now);
    await audit(tx, actor, 'note.edited', id, note.id, now);
    return updated!;
  });
}

export async function deleteNote(
  database: Database,
  actor: Actor,
  customerId: string,
  noteId: string,
  now: Date,
): Promise<void> {
  await database.db.transaction(async (tx) => {
    const id = await customerOf(tx, actor, customerId, true);
    const note = await repo.findNote(tx, actor.tenantId, id, noteId);
    if (!note) throw notFound('note');
    await repo.deleteNote(tx, actor.tenantId, note.id);
    await audit(tx, actor, 'note.deleted', id, note.id, now);
  });
}

/**
 * Puts the notes in the order given. The list must be exactly the customer's notes: when one was
 * added or deleted since the page showed them, the order is refused (409) rather than guessed.
 */
export async function reorderNotes(
  database: Database,
  actor: Actor,
  customerId: string,
  noteIds: readonly string[],
  now: Date,
): Promise<NoteRow[]> {
  if (new Set(noteIds).size !== noteIds.length) throw invalid('noteIds', 'validation.invalid');
  return database.db.transaction(async (tx) => {
    const id = await customerOf(tx, actor, customerId, true);
    const current = await repo.listNotes(tx, actor.tenantId, id);
    const known = new Set(current.map((n) => n.id));
    if (current.length !== noteIds.length || noteIds.some((n) => !known.has(n))) {
      throw new AppError(409, 'notes_changed', { details: { current: current.map((n) => n.id) } });
    }
    await repo.setPositions(tx, actor.tenantId, noteIds);
    await audit(tx, actor, 'notes.reordered', id, null, now);
    return repo.listNotes(tx, actor.tenantId, id);
  });
}
