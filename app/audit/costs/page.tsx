import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { pageUserWith } from '@/app/_lib/guards';
import { CostDayTable, CostGroupTable, CostSummary } from '@/components/audit/cost-tables';
import { CostRangeForm } from '@/components/audit/cost-range-form';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { costReport, resolveCostRange } from '@/lib/governance/costs';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditCostsPage({ searchParams }: { searchParams: SearchParams }) {
  await pageUserWith('audit.read', '/audit/costs');
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const range = resolveCostRange(raw);
  const [t, report] = await Promise.all([getTranslations('costs'), costReport(await getDb(), range)]);
  return (
    <>
      <PageHeader
        title={t('title')}
        lead={t('lead')}
        actions={
          <Link href="/audit" className="text-sm text-brand-700 hover:underline">
            {t('backToAudit')}
          </Link>
        }
      />
      <CostRangeForm from={report.range.from} to={report.range.to} />
      {range.invalid && (
        <p role="alert" className="mb-4 text-sm text-amber-800">
          {t('invalidRange')}
        </p>
      )}
      {report.total.calls === 0 ? (
        <EmptyState title={t('empty')} body={t('emptyBody')} />
      ) : (
        <>
          <CostSummary total={report.total} />
          <div className="grid gap-x-6 lg:grid-cols-2">
            <CostGroupTable dim="personas" groups={report.personas} count={report.counts.personas} range={report.range} />
            <CostGroupTable dim="models" groups={report.models} count={report.counts.models} range={report.range} />
            <CostGroupTable dim="users" groups={report.users} count={report.counts.users} range={report.range} />
          </div>
          <CostDayTable days={report.days} />
        </>
      )}
    </>
  );
}
