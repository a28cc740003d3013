import { getFormatter, getTranslations } from 'next-intl/server';
import { pageUserWith } from '@/app/_lib/guards';
import { PurgeNowButton, RetentionForm } from '@/components/admin/retention-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getRetentionDays, lastPurge } from '@/lib/governance/retention';

export default async function AdminRetentionPage() {
  await pageUserWith('settings.manage', '/admin/retention');
  const db = await getDb();
  const [t, format, days, last] = await Promise.all([getTranslations('retention'), getFormatter(), getRetentionDays(db), lastPurge(db)]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <PageHeader title={t('title')} lead={t('lead')} />
      <Card className="mb-6">
        <h2 className="mb-1 text-lg font-semibold text-slate-900">{t('settingTitle')}</h2>
        <p className="mb-4 text-sm text-slate-600">{days === null ? t('currentForever') : t('currentDays', { days })}</p>
        <RetentionForm days={days} />
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold text-slate-900">{t('purgeTitle')}</h2>
        <p className="mb-1 text-sm text-slate-600">{t('purgeLead')}</p>
        <p className="mb-4 text-sm text-slate-600">
          {last ? t('lastPurge', { time: when(last.time), count: last.erased, cutoff: when(new Date(last.cutoff)) }) : t('neverPurged')}
        </p>
        <PurgeNowButton disabled={days === null} />
      </Card>
    </>
  );
}
