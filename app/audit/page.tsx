import { getTranslations } from 'next-intl/server';
import { pageUserWith } from '@/app/_lib/guards';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

export default async function AuditPage() {
  await pageUserWith('audit.read', '/audit');
  const t = await getTranslations('audit');
  return (
    <>
      <PageHeader title={t('title')} lead={t('lead')} />
      <EmptyState title={t('empty')} body={t('emptyBody')} />
    </>
  );
}
