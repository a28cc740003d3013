import { getFormatter, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import type { PersonaVersionView } from '@/lib/personas/queries';

/** Every version with author, time and note, per-version export links, and a form to compare any two. */
export async function VersionHistory({
  personaId,
  versions,
  from,
  to,
}: {
  personaId: string;
  versions: PersonaVersionView[];
  from: number;
  to: number;
}) {
  const t = await getTranslations('personas.page');
  const format = await getFormatter();
  const exportHref = (version: number, fmt: string) => `/api/personas/${personaId}/export?format=${fmt}&version=${version}`;
  const select = 'rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm';
  return (
    <div className="flex flex-col gap-4">
      <ol className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label={t('history')}>
        {versions.map((v) => (
          <li key={v.version} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
            <div className="min-w-0">
              <p className="font-medium text-slate-800">
                {t('versionLine', { version: v.version, author: v.authorName, date: format.dateTime(v.createdAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
              </p>
              <p className="truncate text-slate-500">{v.changeNote || t('noNote')}</p>
            </div>
            <div className="flex gap-2 text-xs" aria-label={t('exportVersion', { version: v.version })} role="group">
              <a href={exportHref(v.version, 'v2')} className="text-brand-700 underline">V2</a>
              <a href={exportHref(v.version, 'v3')} className="text-brand-700 underline">V3</a>
              <a href={exportHref(v.version, 'png')} className="text-brand-700 underline">PNG</a>
            </div>
          </li>
        ))}
      </ol>
      {versions.length > 1 && (
        <form action={`/personas/${personaId}#history`} className="flex flex-wrap items-end gap-3" aria-label={t('compare')}>
          <div className="flex flex-col gap-1">
            <label htmlFor="diff-from" className="text-sm font-medium text-slate-700">{t('from')}</label>
            <select id="diff-from" name="from" defaultValue={from} className={select}>
              {versions.map((v) => <option key={v.version} value={v.version}>v{v.version}</option>)}
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="diff-to" className="text-sm font-medium text-slate-700">{t('to')}</label>
            <select id="diff-to" name="to" defaultValue={to} className={select}>
              {versions.map((v) => <option key={v.version} value={v.version}>v{v.version}</option>)}
            </select>
          </div>
          <button type="submit" className={buttonClass('secondary')}>{t('compareButton')}</button>
        </form>
      )}
    </div>
  );
}
