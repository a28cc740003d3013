import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import type { AuditFilter } from '@/lib/governance/queries';

const inputClass =
  'rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100';

function Text({ name, label, value, type = 'text' }: { name: string; label: string; value?: string; type?: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`f-${name}`} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      <input id={`f-${name}`} name={name} type={type} defaultValue={value ?? ''} className={inputClass} />
    </div>
  );
}

const day = (d?: Date) => (d ? d.toISOString().slice(0, 10) : undefined);

/** A plain GET form: filters live in the URL, so a filtered view can be bookmarked and shared. */
export async function AuditFilterForm({ filter }: { filter: AuditFilter }) {
  const t = await getTranslations('audit');
  return (
    <form method="get" action="/audit" aria-label={t('filters')} className="mb-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="sm:col-span-2">
          <Text name="q" label={t('q')} value={filter.q} type="search" />
        </div>
        <Text name="persona" label={t('persona')} value={filter.persona} />
        <Text name="version" label={t('version')} value={filter.version?.toString()} type="number" />
        <Text name="owner" label={t('owner')} value={filter.owner} />
        <Text name="user" label={t('user')} value={filter.user} />
        <Text name="model" label={t('model')} value={filter.model} />
        <div className="flex flex-col gap-1">
          <label htmlFor="f-verdict" className="text-xs font-medium text-slate-600">
            {t('verdict')}
          </label>
          <select id="f-verdict" name="verdict" defaultValue={filter.verdict ?? ''} className={inputClass}>
            <option value="">{t('verdictAny')}</option>
            {(['allow', 'flag', 'redact', 'block'] as const).map((v) => (
              <option key={v} value={v}>
                {t(`verdict_${v}`)}
              </option>
            ))}
          </select>
        </div>
        <Text name="from" label={t('from')} value={day(filter.from)} type="date" />
        <Text name="to" label={t('to')} value={day(filter.to)} type="date" />
        <div className="flex items-end gap-2 pb-2">
          <input id="f-flagged" name="flagged" type="checkbox" value="1" defaultChecked={filter.flagged ?? false} />
          <label htmlFor="f-flagged" className="text-sm text-slate-700">
            {t('flagged')}
          </label>
        </div>
      </div>
      <div className="mt-4 flex gap-2">
        <button type="submit" className={buttonClass('primary')}>
          {t('apply')}
        </button>
        <Link href="/audit" className={buttonClass('ghost')}>
          {t('clear')}
        </Link>
      </div>
    </form>
  );
}
