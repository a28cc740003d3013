import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import type { AuditListItem } from '@/lib/governance/queries';
import { VerdictBadge } from './verdict-badge';

const short = (id: string | null) => (id ? id.slice(0, 8) : '—');

export async function AuditTable({ items }: { items: AuditListItem[] }) {
  const [t, format] = await Promise.all([getTranslations('audit'), getFormatter()]);
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t('results')}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {(['colSeq', 'colTime', 'colUser', 'colPersona', 'colOwner', 'colModel', 'colVerdict', 'colOutput'] as const).map((c) => (
              <th key={c} scope="col" className="px-3 py-3">
                {t(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((r) => (
            <tr key={r.seq} className="align-top">
              <td className="px-3 py-3 font-medium">
                <Link href={`/audit/${r.seq}`} className="text-brand-700 hover:underline">
                  #{r.seq}
                </Link>
              </td>
              <td className="whitespace-nowrap px-3 py-3 text-slate-600">{format.dateTime(r.time, { dateStyle: 'short', timeStyle: 'medium' })}</td>
              <td className="px-3 py-3 text-slate-700" title={r.actorId ?? undefined}>
                {r.actorName ?? short(r.actorId)}
              </td>
              <td className="whitespace-nowrap px-3 py-3 font-mono text-xs text-slate-700" title={r.personaId ?? undefined}>
                {short(r.personaId)} · v{r.personaVersion ?? '—'}
              </td>
              <td className="px-3 py-3 text-slate-700" title={r.ownerId ?? undefined}>
                {r.ownerName ?? short(r.ownerId)}
              </td>
              <td className="px-3 py-3 text-slate-700">{r.modelId}</td>
              <td className="px-3 py-3">
                <div className="flex flex-wrap gap-1">
                  <VerdictBadge verdict={r.verdict} />
                  {r.flagged && <Badge tone="danger">{t('flaggedBadge')}</Badge>}
                </div>
              </td>
              <td className="max-w-md px-3 py-3 text-slate-700">
                {r.erased ? <Badge>{t('erasedBadge')}</Badge> : <span className="line-clamp-2 break-words">{r.snippet}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
