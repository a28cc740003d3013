import { getFormatter, getTranslations } from 'next-intl/server';
import { pageUserWith } from '@/app/_lib/guards';
import { getDb } from '@/db/client';
import { getModelsOverview } from '@/lib/ai/default-model';
import type { ModelEntry, Unavailable } from '@/lib/ai/registry';
import { DefaultModelForm } from '@/components/models/default-model-form';
import { ModelName } from '@/components/models/model-name';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';

export default async function AdminModelsPage() {
  await pageUserWith('settings.manage', '/admin/models');
  const [t, format, overview] = await Promise.all([getTranslations('models'), getFormatter(), getModelsOverview(await getDb())]);
  const { providers, models, defaultModelId } = overview;
  const offlineName = t('offline');
  const options = models
    .filter((m) => m.available)
    .map((m) => ({ id: m.id, name: m.kind === 'offline' ? offlineName : m.label }));
  const defaultEntry = models.find((m) => m.id === defaultModelId);

  const why = (u: Unavailable) =>
    u.code === 'discovery_failed' ? t('reasons.discovery_failed', { detail: u.message.replace(/^unavailable:\s*/, '') }) : t(`reasons.${u.code}`);
  const usd = (n: number) => format.number(n, { style: 'currency', currency: 'USD', maximumSignificantDigits: 3 });
  const price = (m: ModelEntry) =>
    !m.price
      ? t('priceUnknown')
      : m.price.inputPer1k === 0 && m.price.outputPer1k === 0
        ? t('free')
        : t('pricePer1k', { input: usd(m.price.inputPer1k), output: usd(m.price.outputPer1k) });

  return (
    <>
      <PageHeader title={t('title')} lead={t('lead')} />

      <Card className="mb-8">
        <h2 className="mb-4 text-lg font-semibold text-slate-900">{t('defaultTitle')}</h2>
        <DefaultModelForm options={options} current={defaultModelId} />
        {defaultEntry && !defaultEntry.available && (
          <p role="alert" className="mt-3 text-sm text-amber-800">
            {t('defaultUnavailable')}
          </p>
        )}
      </Card>

      <h2 className="mb-3 text-lg font-semibold text-slate-900">{t('providersTitle')}</h2>
      <ul className="mb-8 grid gap-3 sm:grid-cols-3" aria-label={t('providersTitle')}>
        {providers.map((p) => (
          <li key={p.kind} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label={t(`kinds.${p.kind}`)}>
            <div className="flex items-center justify-between gap-2">
              <span className="font-medium text-slate-900">{t(`kinds.${p.kind}`)}</span>
              <Badge tone={p.available ? 'ok' : 'warn'}>{p.available ? t('available') : t('unavailable')}</Badge>
            </div>
            {p.unavailable && <p className="mt-2 text-sm text-slate-600">{why(p.unavailable)}</p>}
          </li>
        ))}
      </ul>

      <h2 id="models-heading" className="mb-3 text-lg font-semibold text-slate-900">
        {t('modelsTitle')}
      </h2>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table aria-labelledby="models-heading" className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">{t('colModel')}</th>
              <th scope="col" className="px-4 py-3">{t('colProvider')}</th>
              <th scope="col" className="px-4 py-3">{t('colStatus')}</th>
              <th scope="col" className="px-4 py-3">{t('colContext')}</th>
              <th scope="col" className="px-4 py-3">{t('colPrice')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {models.map((m) => (
              <tr key={m.id}>
                <th scope="row" className="px-4 py-3 font-medium text-slate-900">
                  <ModelName modelId={m.id} />{' '}
                  {m.id === defaultModelId && <Badge tone="brand">{t('default')}</Badge>}
                  <div className="font-mono text-xs font-normal text-slate-500">{m.id}</div>
                </th>
                <td className="px-4 py-3 text-slate-600">{t(`kinds.${m.kind}`)}</td>
                <td className="px-4 py-3">
                  <Badge tone={m.available ? 'ok' : 'warn'}>{m.available ? t('available') : t('unavailable')}</Badge>
                  {m.unavailable && <div className="mt-1 text-xs text-slate-500">{why(m.unavailable)}</div>}
                </td>
                <td className="px-4 py-3 text-slate-600">{t('contextTokens', { count: m.contextWindow })}</td>
                <td className="px-4 py-3 text-slate-600">{price(m)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
