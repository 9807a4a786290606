import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { mergeApi } from './mergeApi.ts';
import type { EditableField, UndoResult } from './mergeApi.ts';

interface UndoButtonProps {
  mergeId: string;
  size?: 'xs' | 'sm';
  onUndone?: (result: UndoResult) => void;
}

/** Undo of a merge, after a confirmation that says what it does. */
export function UndoButton({ mergeId, size = 'sm', onUndone }: UndoButtonProps) {
  const { t } = useTranslation('merges');
  const [opened, { open, close }] = useDisclosure(false);
  const queryClient = useQueryClient();
  const fieldNames = (fields: string[]) =>
    fields
      .map((f) => (f === 'customerSince' ? t('compare.customerSince') : t(`fields.${f as EditableField}`)))
      .join(', ');
  const undo = useMutation({
    mutationFn: () => mergeApi.undo(mergeId),
    onSuccess: async (result) => {
      close();
      notifications.show({
        color: 'teal',
        title: t('undo.done'),
        message:
          result.keptFields.length > 0
            ? t('undo.kept', { fields: fieldNames(result.keptFields) })
            : undefined,
      });
      // The profiles come back: every list and profile may have changed.
      await queryClient.invalidateQueries();
      onUndone?.(result);
    },
  });
  return (
    <>
      <Button
        size={size}
        variant="light"
        color="orange"
        leftSection={<IconArrowBackUp size={16} />}
        onClick={() => {
          undo.reset();
          open();
        }}
        data-testid={`undo-${mergeId}`}
      >
        {t('undo.button')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('undo.confirmTitle')} centered>
        <Stack>
          <Text size="sm">{t('undo.confirmBody')}</Text>
          {undo.isError && <ErrorAlert error={undo.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('undo.cancel')}
            </Button>
            <Button
              color="orange"
              loading={undo.isPending}
              onClick={() => undo.mutate()}
              data-testid="undo-confirm"
            >
              {t('undo.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
