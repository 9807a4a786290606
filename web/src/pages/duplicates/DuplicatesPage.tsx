import { IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

/** The review queue of duplicate groups for the whole file. For now, what it will hold. */
export default function DuplicatesPage() {
  const { t } = useTranslation('duplicates');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <EmptyState icon={<IconCopy size={28} />} title={t('empty.title')} description={t('empty.body')} />
    </>
  );
}
