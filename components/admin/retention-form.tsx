'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { postJson } from '@/components/http';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';

type Status = { ok: boolean; text: string } | null;

function StatusLine({ status }: { status: Status }) {
  if (!status) return null;
  return (
    <p role="status" className={status.ok ? 'w-full text-sm text-emerald-700' : 'w-full text-sm text-red-600'}>
      {status.text}
    </p>
  );
}

/** Days to keep prompt and reply text; empty keeps it forever. */
export function RetentionForm({ days }: { days: number | null }) {
  const t = useTranslations('retention');
  const te = useTranslations('errors');
  const router = useRouter();
  const [value, setValue] = useState(days === null ? '' : String(days));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const next = value.trim() === '' ? null : Number(value);
    // NaN would travel as JSON null, which means "forever": never let a typo switch retention off.
    if (next !== null && !Number.isFinite(next)) return setError(te('invalid_number'));
    setSaving(true);
    setError(null);
    setStatus(null);
    const res = await postJson('/api/admin/retention', { days: next }, 'PUT');
    setSaving(false);
    if (res.ok) {
      setStatus({ ok: true, text: next === null ? t('savedForever') : t('savedDays', { days: next }) });
      router.refresh();
      return;
    }
    const key = res.error.fields?.days ?? (res.status === 0 ? 'network' : 'generic');
    if (res.error.fields?.days) setError(te.has(key) ? te(key) : te('generic'));
    else setStatus({ ok: false, text: te.has(key) ? te(key) : te('generic') });
  }

  return (
    <form onSubmit={save} noValidate className="flex flex-wrap items-end gap-3" aria-label={t('settingTitle')}>
      <Field
        id="retention-days"
        label={t('daysLabel')}
        hint={t('daysHint')}
        error={error}
        type="number"
        inputMode="numeric"
        min={1}
        max={36500}
        step={1}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        className="w-64"
      />
      <Button type="submit" disabled={saving} className="mb-5">
        {saving ? t('saving') : t('save')}
      </Button>
      <StatusLine status={status} />
    </form>
  );
}

/** Runs the purge now rather than at the next scheduled one. */
export function PurgeNowButton({ disabled }: { disabled: boolean }) {
  const t = useTranslations('retention');
  const te = useTranslations('errors');
  const format = useFormatter();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="secondary"
        disabled={disabled || busy}
        onClick={async () => {
          setBusy(true);
          setStatus(null);
          const res = await postJson<{ erased: number; cutoff: string | null }>('/api/admin/retention/purge', {});
          setBusy(false);
          if (!res.ok) return setStatus({ ok: false, text: te(res.status === 0 ? 'network' : 'generic') });
          const cutoff = res.data.cutoff ? format.dateTime(new Date(res.data.cutoff), { dateStyle: 'medium', timeStyle: 'short' }) : '';
          setStatus({ ok: true, text: res.data.erased ? t('purged', { count: res.data.erased, cutoff }) : t('nothingToPurge', { cutoff }) });
          router.refresh();
        }}
      >
        {busy ? t('purging') : t('purgeNow')}
      </Button>
      {disabled && <span className="text-sm text-slate-500">{t('purgeNeedsSetting')}</span>}
      <StatusLine status={status} />
    </div>
  );
}
