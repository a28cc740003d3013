import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import type { AuditRecordView } from '@/lib/governance/records';
import type { Verdict } from '@/lib/governance/policies/types';
import { VerdictBadge } from './verdict-badge';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-2 py-1.5">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="col-span-2 break-words text-sm text-slate-900">{children}</dd>
    </div>
  );
}

const mono = (v: unknown) => <span className="font-mono text-xs">{v === undefined || v === null ? '—' : String(v)}</span>;
const json = (v: unknown) => (v === undefined ? '—' : <code className="font-mono text-xs">{JSON.stringify(v)}</code>);

/** The call as its records state it (the hashed envelope, not the derived columns). */
export async function CallDetails({ start, end }: { start: AuditRecordView | null; end: AuditRecordView | null }) {
  const [t, format] = await Promise.all([getTranslations('audit'), getFormatter()]);
  const f = (end ?? start)!.fields;
  const e: Record<string, unknown> = end?.fields ?? {};
  const usage = (e.usage ?? {}) as { input_tokens?: number; output_tokens?: number };
  const ms = (v: unknown) => (typeof v === 'number' ? t('ms', { value: v }) : '—');
  return (
    <Card>
      <h2 className="mb-2 text-base font-semibold text-slate-900">{t('details')}</h2>
      <dl className="divide-y divide-slate-100">
        <Row label={t('fieldTime')}>{format.dateTime(new Date(String((start ?? end)!.fields.time)), { dateStyle: 'medium', timeStyle: 'medium' })}</Row>
        <Row label={t('fieldActor')}>{mono(f.actor_id)}</Row>
        <Row label={t('fieldPersona')}>{mono(f.persona_id)}</Row>
        <Row label={t('fieldVersion')}>{mono(f.persona_version)}</Row>
        <Row label={t('fieldOwner')}>{mono(f.owner_id)}</Row>
        <Row label={t('fieldModel')}>{`${String(f.model_provider ?? '')} / ${String(f.model_id ?? '')}`}</Row>
        <Row label={t('fieldSettings')}>{json(start?.fields.settings)}</Row>
        <Row label={t('fieldFinish')}>
          <span className="mr-2">{String(e.finish ?? '—')}</span>
          <VerdictBadge verdict={(e.verdict ?? start?.fields.verdict ?? null) as string | null} />
        </Row>
        <Row label={t('fieldUsage')}>{`${usage.input_tokens ?? '—'} / ${usage.output_tokens ?? '—'}`}</Row>
        <Row label={t('fieldCost')}>{e.cost === undefined ? '—' : `$${String(e.cost)}`}</Row>
        <Row label={t('fieldLatency')}>{`${ms(e.ttft_ms)} / ${ms(e.total_ms)}`}</Row>
        <Row label={t('fieldPolicy')}>{mono(e.policy_version ?? start?.fields.policy_version)}</Row>
        <Row label={t('fieldApp')}>{mono(f.app_version)}</Row>
        <Row label={t('fieldRequest')}>{mono(f.request_id)}</Row>
        {[start, end].filter(Boolean).map((r) => (
          <Row key={r!.seq} label={`${t('fieldHash')} #${r!.seq}`}>
            {mono(r!.hash)}
          </Row>
        ))}
      </dl>
    </Card>
  );
}

/** Prompt or reply, shown as text — never as HTML. */
export async function ContentBlock({ title, record, kind }: { title: string; record: AuditRecordView | null; kind: 'prompt' | 'output' }) {
  const [t, format] = await Promise.all([getTranslations('audit'), getFormatter()]);
  let body: ReactNode;
  if (!record || !record.hasContent) body = <p className="text-sm text-slate-600">{t('noOutput')}</p>;
  else if (record.erased) {
    body = (
      <p className="text-sm text-slate-600">
        {t('contentErased', { time: format.dateTime(record.erased.at, { dateStyle: 'medium' }), reason: record.erased.reason ?? '' })}
      </p>
    );
  } else {
    const text = kind === 'prompt' ? JSON.stringify(record.prompt, null, 2) : (record.output ?? '');
    body = text ? (
      <pre className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-3 text-sm text-slate-800">{text}</pre>
    ) : (
      <p className="text-sm text-slate-600">{t('noOutput')}</p>
    );
  }
  return (
    <section aria-label={title}>
      <h2 className="mb-2 text-base font-semibold text-slate-900">{title}</h2>
      {body}
    </section>
  );
}

export async function VerdictList({ verdicts }: { verdicts: Verdict[] }) {
  const t = await getTranslations('audit');
  return (
    <section aria-label={t('verdicts')}>
      <h2 className="mb-2 text-base font-semibold text-slate-900">{t('verdicts')}</h2>
      {verdicts.length ? (
        <ul className="list-disc pl-5 text-sm text-slate-700">
          {verdicts.map((v, i) => (
            <li key={i}>{t('verdictLine', { ...v, version: String(v.version), count: String(v.count) })}</li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{t('noVerdicts')}</p>
      )}
    </section>
  );
}

export async function EventDetails({ record }: { record: AuditRecordView }) {
  const [t, format] = await Promise.all([getTranslations('audit'), getFormatter()]);
  const f = record.fields;
  return (
    <Card>
      <dl className="divide-y divide-slate-100">
        <Row label={t('fieldKind')}>{mono(f.kind)}</Row>
        <Row label={t('fieldTime')}>{format.dateTime(new Date(f.time), { dateStyle: 'medium', timeStyle: 'medium' })}</Row>
        <Row label={t('fieldActor')}>{mono(f.actor_id)}</Row>
        <Row label={t('fieldData')}>{json(f.data)}</Row>
        <Row label={t('fieldApp')}>{mono(f.app_version)}</Row>
        <Row label={t('fieldHash')}>{mono(record.hash)}</Row>
        <Row label={t('fieldPrevHash')}>{mono(f.prev_hash)}</Row>
        <Row label={t('fieldContentHash')}>{mono(f.content_hash)}</Row>
      </dl>
    </Card>
  );
}
