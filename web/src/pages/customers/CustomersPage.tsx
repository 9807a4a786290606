import { IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

/** The customer file: search, profiles, add and edit. For now, what it will hold. */
export default function CustomersPage() {
  const { t } = useTranslation('customers');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <EmptyState icon={<IconUsers size={28} />} title={t('empty.title')} description={t('empty.body')} />
    </>
  );
}
