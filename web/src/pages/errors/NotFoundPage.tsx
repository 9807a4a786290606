import { Button } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconMapSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState.tsx';
import { HOME_PATH } from '../../lib/redirect.ts';

/** Any address the app does not know. */
export default function NotFoundPage() {
  const { t } = useTranslation('common');
  useDocumentTitle(`${t('notFound.title')} · Clienteel`);
  return (
    <EmptyState
      icon={<IconMapSearch size={28} />}
      title={t('notFound.title')}
      description={t('notFound.description')}
      action={
        <Button component={Link} to={HOME_PATH} variant="light">
          {t('backToStart')}
        </Button>
      }
      data-testid="not-found"
    />
  );
}
