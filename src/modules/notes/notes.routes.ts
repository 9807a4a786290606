/** A customer's notes: list, add, edit, delete, reorder. */
import { z } from 'zod';
import { errorBody } from '../../server/errors.ts';
import type { App, Deps } from '../../server/types.ts';
import { requireActor } from '../shared/actor.ts';
import type { NoteRow } from './notes.repository.ts';
import * as service from './notes.service.ts';

const tags = ['notes'];
const params = z.object({ id: z.string() });
const noteParams = z.object({ id: z.string(), noteId: z.string() });
const text = z
  .string()
  .max(service.MAX_NOTE_LENGTH * 2)
  .describe('The note, up to 5,000 characters');

export const noteView = z
  .object({
    id: z.string().uuid(),
    customerId: z.string().uuid(),
    position: z.number().int(),
    text: z.string(),
    createdBy: z.string().uuid().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Note' });

export const presentNote = (n: NoteRow) => ({
  id: n.id,
  customerId: n.customerId,
  position: n.position,
  text: n.body,
  createdBy: n.createdBy,
  createdAt: n.createdAt,
  updatedAt: n.updatedAt,
});

const errors = { 400: errorBody, 404: errorBody, 409: errorBody };

export function notesRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/customers/:id/notes',
    {
      schema: {
        tags,
        summary: "A customer's notes, in their order",
        params,
        response: { 200: z.array(noteView), 404: errorBody },
      },
    },
    async (request) =>
      (await service.listNotes(deps.database, requireActor(request.actor), request.params.id)).map(
        presentNote,
      ),
  );

  app.post(
    '/api/customers/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add a note (it comes first)',
        params,
        body: z.object({ text }).strict(),
        response: { 201: noteView, ...errors },
      },
    },
    async (request, reply) => {
      const note = await service.addNote(
        deps.database,
        requireActor(request.actor),
        request.params.id,
        request.body.text,
        deps.now(),
      );
      return reply.status(201).send(presentNote(note));
    },
  );

  app.patch(
    '/api/customers/:id/notes/:noteId',
    {
      schema: {
        tags,
        summary: 'Edit a note',
        params: noteParams,
        body: z.object({ text }).strict(),
        response: { 200: noteView, ...errors },
      },
    },
    async (request) =>
      presentNote(
        await service.editNote(
          deps.database,
          requireActor(request.actor),
          request.params.id,
          request.params.noteId,
          request.body.text,
          deps.now(),
        ),
      ),
  );

  app.delete(
    '/api/customers/:id/notes/:noteId',
    {
      schema: {
        tags,
        summary: 'Delete a note',
        params: noteParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteNote(
        deps.database,
        requireActor(request.actor),
        request.params.id,
        request.params.noteId,
        deps.now(),
      );
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/customers/:id/notes/order',
    {
      schema: {
        tags,
        summary: 'Put the notes in this order',
        description:
          'Every note of the customer, once, in the new order. 409 `notes_changed` when the list differs from the notes stored (one was added or deleted meanwhile).',
        params,
        body: z.object({ noteIds: z.array(z.string().max(100)).max(1000) }).strict(),
        response: { 200: z.array(noteView), ...errors },
      },
    },
    async (request) =>
      (
        await service.reorderNotes(
          deps.database,
          requireActor(request.actor),
          request.params.id,
          request.body.noteIds,
          deps.now(),
        )
      ).map(presentNote),
  );
}
