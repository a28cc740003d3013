import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import type { IncidentListItem } from '@/lib/governance/incidents';

export async function IncidentList({ incidents }: { incidents: IncidentListItem[] }) {
  const t = await getTranslations('audit');
  if (!incidents.length) return null;
  return (
    <section aria-label={t('incidents')}>
      <h2 className="mb-2 text-base font-semibold text-slate-900">{t('incidents')}</h2>
      <ul className="flex flex-col gap-2">
        {incidents.map((i) => (
          <li key={i.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <div className="flex items-center gap-2">
              <Badge tone={i.status === 'open' ? 'danger' : 'ok'}>{i.status === 'open' ? t('incidentOpen') : t('incidentResolved')}</Badge>
              <span className="text-slate-600">{t('raisedBy', { name: i.raisedByName ?? '—' })}</span>
            </div>
            <p className="mt-1 whitespace-pre-wrap break-words text-slate-800">{i.reason}</p>
            {i.status === 'resolved' && (
              <div className="mt-1 text-slate-600">
                {i.fixVersion !== null && <p>{t('fixedIn', { version: i.fixVersion })}</p>}
                <p className="whitespace-pre-wrap break-words">{t('resolution', { note: i.resolutionNote ?? '' })}</p>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
