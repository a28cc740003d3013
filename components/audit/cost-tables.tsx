import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { CostFigures, CostGroup, CostReport } from '@/lib/governance/costs';

type Format = Awaited<ReturnType<typeof getFormatter>>;

function money(format: Format, f: CostFigures, unknown: string): string {
  if (f.cost === null) return f.calls ? unknown : format.number(0, { style: 'currency', currency: 'USD' });
  // Calls cost fractions of a cent: below a dollar, show significant digits rather than rounding to $0.00.
  const small = f.cost !== 0 && Math.abs(f.cost) < 1;
  return format.number(f.cost, { style: 'currency', currency: 'USD', ...(small ? { maximumSignificantDigits: 3 } : {}) });
}

/** The range's totals as four figures. */
export async function CostSummary({ total }: { total: CostFigures }) {
  const [t, format] = await Promise.all([getTranslations('costs'), getFormatter()]);
  const items: [string, string][] = [
    [t('calls'), format.number(total.calls)],
    [t('inputTokens'), format.number(total.inputTokens)],
    [t('outputTokens'), format.number(total.outputTokens)],
    [t('cost'), money(format, total, t('unknown'))],
  ];
  return (
    <section aria-label={t('summary')} className="mb-6">
      <dl className="grid gap-3 sm:grid-cols-4">
        {items.map(([label, value]) => (
          <div key={label} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className="mt-1 text-xl font-semibold text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {total.unpriced > 0 && <p className="mt-2 text-sm text-amber-800">{t('unpricedNote', { count: total.unpriced })}</p>}
    </section>
  );
}

function Table({ id, title, head, children, note }: { id: string; title: string; head: string[]; children: ReactNode; note?: ReactNode }) {
  return (
    <section className="mb-8">
      <h2 id={id} className="mb-3 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table aria-labelledby={id} className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              {head.map((h, i) => (
                <th key={h} scope="col" className={i === 0 ? 'px-4 py-3' : 'px-4 py-3 text-right'}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">{children}</tbody>
        </table>
      </div>
      {note && <p className="mt-2 text-xs text-slate-500">{note}</p>}
    </section>
  );
}

function Figures({ f, format, unknown }: { f: CostFigures; format: Format; unknown: string }) {
  // A day without calls is shown (gaps matter) but greyed, so the busy days stand out.
  const cell = (tone: string) => `px-4 py-2.5 text-right tabular-nums ${f.calls ? tone : 'text-slate-400'}`;
  return (
    <>
      <td className={cell('text-slate-700')}>{format.number(f.calls)}</td>
      <td className={cell('text-slate-700')}>{format.number(f.inputTokens)}</td>
      <td className={cell('text-slate-700')}>{format.number(f.outputTokens)}</td>
      <td className={cell('font-medium text-slate-900')}>{money(format, f, unknown)}</td>
    </>
  );
}

type Dimension = 'personas' | 'models' | 'users';

/** One dimension's top rows; each name links to the audit log filtered to it. */
export async function CostGroupTable({ dim, groups, count, range }: { dim: Dimension; groups: CostGroup[]; count: number; range: CostReport['range'] }) {
  const [t, format] = await Promise.all([getTranslations('costs'), getFormatter()]);
  const filter = { personas: 'persona', models: 'model', users: 'user' }[dim];
  const href = (key: string) => `/audit?${new URLSearchParams({ [filter]: key, from: range.from, to: nextDay(range.to) })}`;
  const name = (g: CostGroup) => {
    if (!g.key) return t('none');
    if (dim === 'models') return g.key;
    return g.label ?? t('deleted', { id: g.key.slice(0, 8) });
  };
  return (
    <Table
      id={`costs-${dim}`}
      title={t(`by_${dim}`)}
      head={[t(`col_${dim}`), t('calls'), t('inputTokens'), t('outputTokens'), t('cost')]}
      note={count > groups.length ? t('topNote', { shown: groups.length, count }) : undefined}
    >
      {groups.map((g) => (
        <tr key={g.key ?? 'none'}>
          <th scope="row" className="px-4 py-2.5 font-medium text-slate-900">
            {g.key ? (
              <Link href={href(g.key)} className="text-brand-700 hover:underline">
                {name(g)}
              </Link>
            ) : (
              name(g)
            )}
          </th>
          <Figures f={g} format={format} unknown={t('unknown')} />
        </tr>
      ))}
    </Table>
  );
}

/** Every day of the range with a bar for its tokens, so peaks stand out without a chart library. */
export async function CostDayTable({ days }: { days: CostReport['days'] }) {
  const [t, format] = await Promise.all([getTranslations('costs'), getFormatter()]);
  const max = Math.max(1, ...days.map((d) => d.inputTokens + d.outputTokens));
  return (
    <Table id="costs-days" title={t('by_days')} head={[t('col_days'), t('calls'), t('inputTokens'), t('outputTokens'), t('cost')]}>
      {[...days].reverse().map((d) => (
        <tr key={d.day}>
          <th scope="row" className={`whitespace-nowrap px-4 py-2.5 font-normal ${d.calls ? 'text-slate-700' : 'text-slate-400'}`}>
            <div className="flex items-center gap-3">
              <span className="w-28">{format.dateTime(new Date(`${d.day}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' })}</span>
              <span aria-hidden className="h-2 rounded-full bg-brand-500/70" style={{ width: `${Math.round(((d.inputTokens + d.outputTokens) / max) * 8)}rem` }} />
            </div>
          </th>
          <Figures f={d} format={format} unknown={t('unknown')} />
        </tr>
      ))}
    </Table>
  );
}

/** The audit filter's `to` is exclusive; the dashboard's is the last day shown. */
function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
