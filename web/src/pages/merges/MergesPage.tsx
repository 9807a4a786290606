import { IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

/** Every merge, with undo. For now, what it will hold. */
export default function MergesPage() {
  const { t } = useTranslation('merges');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <EmptyState icon={<IconHistory size={28} />} title={t('empty.title')} description={t('empty.body')} />
    </>
  );
}
