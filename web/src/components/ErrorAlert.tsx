import { Alert, Button } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../lib/errors.ts';

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** A failed request, in the server's words (or ours when the server could not be reached). */
export function ErrorAlert({ error, title, onRetry }: ErrorAlertProps) {
  const { t } = useTranslation('common');
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title={title} role="alert">
      {errorText(error, t)}
      {onRetry && (
        <Button variant="white" color="red" size="xs" mt="sm" display="block" onClick={onRetry}>
          {t('retry')}
        </Button>
      )}
    </Alert>
  );
}
