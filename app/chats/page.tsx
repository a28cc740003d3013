import { getTranslations } from 'next-intl/server';
import { pageUser } from '@/app/_lib/guards';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

export default async function Page() {
  await pageUser('/chats');
  const t = await getTranslations('chats');
  return (
    <>
      <PageHeader title={t('title')} lead={t('lead')} />
      <EmptyState title={t('empty')} body={t('emptyBody')} />
    </>
  );
}
