import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageUser } from '@/app/_lib/guards';
import { ResolveForm } from '@/components/incidents/resolve-form';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { listIncidentsForAssignee } from '@/lib/governance/incidents';

export default async function IncidentsPage() {
  const user = await pageUser('/incidents');
  const [t, format, items] = await Promise.all([
    getTranslations('incidents'),
    getFormatter(),
    listIncidentsForAssignee(await getDb(), user.id),
  ]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <PageHeader title={t('title')} lead={t('lead')} />
      {items.length === 0 ? (
        <EmptyState title={t('empty')} body={t('emptyBody')} />
      ) : (
        <ul className="flex flex-col gap-4">
          {items.map((i) => (
            <li key={i.id}>
              <Card>
                <article aria-label={t('viewRecord', { seq: i.auditSeq })}>
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={i.status === 'open' ? 'danger' : 'ok'}>{i.status === 'open' ? t('open') : t('resolved')}</Badge>
                    <span className="text-sm text-slate-600">
                      {t('raisedBy', { name: i.raisedByName ?? t('someone'), time: when(i.createdAt) })}
                    </span>
                    <Link href={`/audit/${i.auditSeq}`} className="ml-auto text-sm text-brand-700 hover:underline">
                      {t('viewRecord', { seq: i.auditSeq })}
                    </Link>
                  </div>
                  <p className="mt-2 whitespace-pre-wrap break-words text-sm text-slate-800">{t('reason', { reason: i.reason })}</p>
                  {i.status === 'open' ? (
                    <ResolveForm id={i.id} />
                  ) : (
                    <div className="mt-2 text-sm text-slate-600">
                      {i.resolvedAt && <p>{t('resolvedOn', { time: when(i.resolvedAt) })}</p>}
                      {i.fixVersion !== null && <p>{t('fixedIn', { version: i.fixVersion })}</p>}
                      <p className="whitespace-pre-wrap break-words">{t('resolution', { note: i.resolutionNote ?? '' })}</p>
                    </div>
                  )}
                </article>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
