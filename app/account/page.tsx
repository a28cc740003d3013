import { getTranslations } from 'next-intl/server';
import { pageUser } from '@/app/_lib/guards';
import { DeleteMyData } from '@/components/account/delete-my-data';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';

export default async function AccountPage() {
  const user = await pageUser('/account');
  const [t, tr] = await Promise.all([getTranslations('account'), getTranslations('roles')]);
  return (
    <>
      <PageHeader title={t('title')} lead={t('lead')} />
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold text-slate-900">{t('profileTitle')}</h2>
        <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
          <dt className="text-slate-500">{t('name')}</dt>
          <dd className="text-slate-900">{user.name}</dd>
          <dt className="text-slate-500">{t('email')}</dt>
          <dd className="text-slate-900">{user.email}</dd>
          <dt className="text-slate-500">{t('role')}</dt>
          <dd className="text-slate-900">{tr(user.role)}</dd>
        </dl>
      </Card>
      <Card className="border-red-200">
        <h2 className="mb-2 text-lg font-semibold text-slate-900">{t('deleteTitle')}</h2>
        <p className="mb-2 text-sm text-slate-700">{t('deleteLead')}</p>
        <ul className="mb-2 list-disc pl-5 text-sm text-slate-700">
          <li>{t('deleteChats')}</li>
          <li>{t('deleteMemories')}</li>
          <li>{t('deleteAudit')}</li>
        </ul>
        <p className="mb-4 text-sm text-slate-600">{t('deleteKeeps')}</p>
        <DeleteMyData />
      </Card>
    </>
  );
}
