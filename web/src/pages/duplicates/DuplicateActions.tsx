import { Button, Group } from '@mantine/core';
import { IconArrowsJoin, IconEqualNot, IconLayoutColumns } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { compareLink, mergeLink } from './duplicatesApi.ts';

/**
 * Compare, merge and "these are different people" for a set of profiles: the same three actions on
 * a profile's Duplicates tab (one candidate) and in the review queue (one group).
 */
export function DuplicateActions({
  ids,
  dismissLabel,
  dismissing,
  onDismiss,
  testIds,
}: {
  ids: string[];
  dismissLabel: string;
  dismissing: boolean;
  onDismiss: () => void;
  testIds: { compare?: string; merge: string; dismiss: string };
}) {
  const { t } = useTranslation('duplicates');
  return (
    <Group gap="sm">
      <Button
        component={Link}
        to={compareLink(ids)}
        variant="default"
        size="xs"
        leftSection={<IconLayoutColumns size={16} />}
        data-testid={testIds.compare}
      >
        {t('actions.compare')}
      </Button>
      <Button
        component={Link}
        to={mergeLink(ids)}
        size="xs"
        leftSection={<IconArrowsJoin size={16} />}
        data-testid={testIds.merge}
      >
        {t('actions.merge')}
      </Button>
      <Button
        variant="subtle"
        color="gray"
        size="xs"
        leftSection={<IconEqualNot size={16} />}
        loading={dismissing}
        onClick={onDismiss}
        data-testid={testIds.dismiss}
      >
        {dismissLabel}
      </Button>
    </Group>
  );
}
