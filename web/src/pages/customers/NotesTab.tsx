import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Button, Group, Paper, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { IconGripVertical, IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { customersApi, type Note } from './customersApi.ts';

/**
 * A customer's notes: add (on top), edit, delete, and drag by the handle (or with the keyboard:
 * space, arrows, space) to reorder. The new order is shown at once and saved; when the notes
 * changed meanwhile the server refuses the order and the list is reloaded.
 */
export function NotesTab({ customerId, readOnly }: { customerId: string; readOnly: boolean }) {
  const { t } = useTranslation('customers');
  const queryClient = useQueryClient();
  const key = ['customer', customerId, 'notes'];
  const notes = useQuery({ queryKey: key, queryFn: () => customersApi.notes(customerId) });
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: ['customer', customerId, 'summary'] });
  };

  const add = useMutation({
    mutationFn: () => customersApi.addNote(customerId, text),
    onSuccess: () => {
      setText('');
      setFailure(null);
      refresh();
    },
    onError: setFailure,
  });
  const reorder = useMutation({
    mutationFn: (ids: string[]) => customersApi.reorderNotes(customerId, ids),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      refresh();
    },
    onError: (error) => {
      setFailure(error);
      refresh();
    },
  });

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  function onDragEnd(event: DragEndEvent) {
    const list = notes.data;
    if (!list || !event.over || event.active.id === event.over.id) return;
    const from = list.findIndex((n) => n.id === event.active.id);
    const to = list.findIndex((n) => n.id === event.over!.id);
    const moved = arrayMove(list, from, to);
    queryClient.setQueryData(key, moved);
    reorder.mutate(moved.map((n) => n.id));
  }

  return (
    <Stack data-testid="notes-tab">
      {!readOnly && (
        <Stack gap="xs">
          <Textarea
            placeholder={t('notes.placeholder')}
            autosize
            minRows={2}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            error={failure instanceof ApiError && failure.field === 'text' ? failure.message : undefined}
            data-testid="note-new"
          />
          <Group justify="flex-end">
            <Button
              onClick={() => add.mutate()}
              loading={add.isPending}
              disabled={text.trim() === ''}
              data-testid="note-add"
            >
              {t('notes.add')}
            </Button>
          </Group>
        </Stack>
      )}
      {failure !== null && !(failure instanceof ApiError && failure.field === 'text') && (
        <ErrorAlert error={failure} />
      )}
      {notes.isError && <ErrorAlert error={notes.error} onRetry={() => void notes.refetch()} />}
      {notes.data && notes.data.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('notes.empty')}
        </Text>
      )}
      {notes.data && notes.data.length > 0 && (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          <SortableContext items={notes.data.map((n) => n.id)} strategy={verticalListSortingStrategy}>
            <Stack gap="xs" data-testid="notes-list">
              {notes.data.map((note) => (
                <SortableNote
                  key={note.id}
                  note={note}
                  customerId={customerId}
                  readOnly={readOnly}
                  onChanged={refresh}
                />
              ))}
            </Stack>
          </SortableContext>
        </DndContext>
      )}
    </Stack>
  );
}

function SortableNote(props: { note: Note; customerId: string; readOnly: boolean; onChanged: () => void }) {
  const { note, customerId, readOnly, onChanged } = props;
  const { t } = useTranslation('customers');
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: note.id, disabled: readOnly });
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const [failure, setFailure] = useState<unknown>(null);

  const save = useMutation({
    mutationFn: () => customersApi.editNote(customerId, note.id, text),
    onSuccess: () => {
      setEditing(false);
      setFailure(null);
      onChanged();
    },
    onError: setFailure,
  });
  const remove = useMutation({
    mutationFn: () => customersApi.deleteNote(customerId, note.id),
    onSuccess: onChanged,
    onError: setFailure,
  });

  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="sm"
      style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : 1 }}
      data-testid="note"
      data-note-id={note.id}
    >
      <Group align="flex-start" wrap="nowrap" gap="sm">
        {!readOnly && (
          <ActionIcon
            ref={setActivatorNodeRef}
            variant="subtle"
            color="gray"
            aria-label={t('notes.drag')}
            style={{ cursor: 'grab', touchAction: 'none' }}
            {...attributes}
            {...listeners}
            data-testid="note-handle"
          >
            <IconGripVertical size={16} />
          </ActionIcon>
        )}
        <Stack gap={4} style={{ flex: 1 }}>
          {editing ? (
            <>
              <Textarea
                autosize
                minRows={2}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                data-testid="note-edit-text"
              />
              <Group gap="xs">
                <Button
                  size="xs"
                  onClick={() => save.mutate()}
                  loading={save.isPending}
                  data-testid="note-save"
                >
                  {t('actions.save')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setEditing(false)}>
                  {t('actions.cancel')}
                </Button>
              </Group>
            </>
          ) : (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="note-text">
              {note.text}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {formatDateTime(note.updatedAt)}
          </Text>
          {failure !== null && <ErrorAlert error={failure} />}
        </Stack>
        {!readOnly && !editing && (
          <Group gap={4} wrap="nowrap">
            <Tooltip label={t('notes.edit')}>
              <ActionIcon
                variant="subtle"
                aria-label={t('notes.edit')}
                onClick={() => setEditing(true)}
                data-testid="note-edit"
              >
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('notes.delete')}>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('notes.delete')}
                loading={remove.isPending}
                onClick={() => {
                  if (window.confirm(t('notes.confirmDelete'))) remove.mutate();
                }}
                data-testid="note-delete"
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Group>
    </Paper>
  );
}
