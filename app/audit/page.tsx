import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { pageUserWith } from '@/app/_lib/guards';
import { AuditFilterForm } from '@/components/audit/filter-form';
import { AuditTable } from '@/components/audit/audit-table';
import { VerificationCard } from '@/components/audit/verification-card';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { can } from '@/lib/auth/permissions';
import { audit } from '@/lib/governance/audit';
import { auditedFilter, filterJson, isEmptyFilter, listAuditRecords, parseListQuery } from '@/lib/governance/queries';
import { lastVerification } from '@/lib/governance/verify';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await pageUserWith('audit.read', '/audit');
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const { query, invalid } = parseListQuery(raw);
  const db = await getDb();
  const filter = filterJson(query);
  const [t, page, last] = await Promise.all([
    getTranslations('audit'),
    listAuditRecords(db, query),
    lastVerification(db),
    audit(db, { action: 'audit.viewed', actorId: user.id, ...auditedFilter(query) }),
  ]);
  const params = new URLSearchParams(Object.entries(filter).map(([k, v]) => [k, String(v)]));
  const exportHref = (format: string) => `/api/audit/export?${new URLSearchParams([...params, ['format', format]])}`;
  const olderHref = page.nextCursor ? `/audit?${new URLSearchParams([...params, ['cursor', String(page.nextCursor)]])}` : null;
  return (
    <>
      <PageHeader
        title={t('title')}
        lead={t('lead')}
        actions={
          <>
            <Link href="/audit/costs" className={buttonClass('ghost')}>
              {t('costsLink')}
            </Link>
            {can(user, 'audit.export') && (
              <>
                <a href={exportHref('jsonl')} className={buttonClass('secondary')} download>
                  {t('exportJsonl')}
                </a>
                <a href={exportHref('csv')} className={buttonClass('secondary')} download>
                  {t('exportCsv')}
                </a>
              </>
            )}
          </>
        }
      />
      <VerificationCard last={last} />
      <AuditFilterForm filter={query} />
      {invalid.length > 0 && (
        <p role="alert" className="mb-4 text-sm text-amber-800">
          {t('invalidFilters')}
        </p>
      )}
      {page.items.length ? (
        <AuditTable items={page.items} />
      ) : isEmptyFilter(query) && !query.cursor ? (
        <EmptyState title={t('empty')} body={t('emptyBody')} />
      ) : (
        <EmptyState title={t('noMatches')} body={t('noMatchesBody')} />
      )}
      <nav aria-label={t('results')} className="mt-4 flex gap-2">
        {query.cursor && (
          <Link href={`/audit?${params}`} className={buttonClass('ghost')}>
            {t('newest')}
          </Link>
        )}
        {olderHref && (
          <Link href={olderHref} className={buttonClass('secondary')}>
            {t('older')}
          </Link>
        )}
      </nav>
    </>
  );
}
