import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { pageUser } from '@/app/_lib/guards';
import { CallDetails, ContentBlock, EventDetails, VerdictList } from '@/components/audit/record-details';
import { FlagForm } from '@/components/audit/flag-form';
import { IncidentList } from '@/components/audit/incident-list';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { can } from '@/lib/auth/permissions';
import { DomainError } from '@/lib/errors';
import { audit } from '@/lib/governance/audit';
import { listIncidentsForRecord } from '@/lib/governance/incidents';
import { getAuditCallForViewerOrThrow } from '@/lib/governance/records';

export default async function AuditRecordPage({ params }: { params: Promise<{ seq: string }> }) {
  const { seq: raw } = await params;
  const user = await pageUser(`/audit/${raw}`);
  const db = await getDb();
  const seq = Number(raw);
  const view = await getAuditCallForViewerOrThrow(db, user, seq).catch((err) => {
    if (err instanceof DomainError && err.code === 'not_found') notFound();
    throw err;
  });
  const callSeq = view.end?.seq ?? view.start?.seq ?? seq;
  const [t, incidents] = await Promise.all([
    getTranslations('audit'),
    listIncidentsForRecord(db, callSeq),
    audit(db, { action: 'audit.viewed', actorId: user.id, data: { seq } }),
  ]);
  const isCall = view.record.fields.kind.startsWith('generation.');
  return (
    <>
      <PageHeader
        title={t('recordTitle', { seq })}
        lead={isCall ? t('call') : t('event')}
        actions={
          can(user, 'audit.read') && (
            <Link href="/audit" className="text-sm text-brand-700 hover:underline">
              {t('backToList')}
            </Link>
          )
        }
      />
      {isCall ? (
        <div className="flex flex-col gap-6">
          <CallDetails start={view.start} end={view.end} />
          <ContentBlock title={t('prompt')} record={view.start} kind="prompt" />
          {view.end ? <ContentBlock title={t('output')} record={view.end} kind="output" /> : <p className="text-sm text-slate-600">{t('unfinishedCall')}</p>}
          <VerdictList verdicts={[...(view.start?.verdicts ?? []), ...(view.end?.verdicts ?? [])]} />
          <IncidentList incidents={incidents} />
          {can(user, 'audit.flag') && (
            <Card>
              <h2 className="text-base font-semibold text-slate-900">{t('flagTitle')}</h2>
              <p className="mb-3 text-sm text-slate-600">{t('flagLead')}</p>
              <FlagForm seq={callSeq} />
            </Card>
          )}
        </div>
      ) : (
        <EventDetails record={view.record} />
      )}
    </>
  );
}
