import { IconFileImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

/** CSV imports with a matching preview. For now, what it will hold. */
export default function ImportsPage() {
  const { t } = useTranslation('imports');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <EmptyState
        icon={<IconFileImport size={28} />}
        title={t('empty.title')}
        description={t('empty.body')}
      />
    </>
  );
}
