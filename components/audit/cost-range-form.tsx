import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';

const inputClass =
  'rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100';

/** A plain GET form: the range lives in the URL, so a view can be bookmarked. Days are UTC days, both included. */
export async function CostRangeForm({ from, to }: { from: string; to: string }) {
  const t = await getTranslations('costs');
  return (
    <form method="get" action="/audit/costs" aria-label={t('range')} className="mb-6 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-col gap-1">
        <label htmlFor="costs-from" className="text-xs font-medium text-slate-600">
          {t('from')}
        </label>
        <input id="costs-from" name="from" type="date" defaultValue={from} className={inputClass} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="costs-to" className="text-xs font-medium text-slate-600">
          {t('to')}
        </label>
        <input id="costs-to" name="to" type="date" defaultValue={to} className={inputClass} />
      </div>
      <button type="submit" className={buttonClass('primary')}>
        {t('apply')}
      </button>
      <p className="w-full text-xs text-slate-500">{t('rangeHint')}</p>
    </form>
  );
}
