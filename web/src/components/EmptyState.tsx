import { EmptyState as MantineEmptyState, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

interface EmptyStateProps {
  icon: ReactNode;
  title: string;
  description: ReactNode;
  /** What to do next, e.g. a button to add the first item. */
  action?: ReactNode;
  'data-testid'?: string;
}

/** What a page shows when it has nothing to list yet, and what it will be for. */
export function EmptyState({ icon, title, description, action, ...rest }: EmptyStateProps) {
  return (
    <Paper withBorder p="xl" {...rest}>
      <MantineEmptyState
        icon={icon}
        title={title}
        description={description}
        variant="light"
        maw={560}
        mx="auto"
      >
        {action && <MantineEmptyState.Actions>{action}</MantineEmptyState.Actions>}
      </MantineEmptyState>
    </Paper>
  );
}
