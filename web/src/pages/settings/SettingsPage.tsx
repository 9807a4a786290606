import { IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

/** The business's settings (owners). For now, what it will hold. */
export default function SettingsPage() {
  const { t } = useTranslation('settings');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <EmptyState icon={<IconSettings size={28} />} title={t('empty.title')} description={t('empty.body')} />
    </>
  );
}
