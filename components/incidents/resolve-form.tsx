'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { postJson } from '@/components/http';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';

export function ResolveForm({ id }: { id: string }) {
  const t = useTranslations('incidents');
  const te = useTranslations('errors');
  const router = useRouter();
  const [note, setNote] = useState('');
  const [fixVersion, setFixVersion] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const message = (key?: string) => (key ? (te.has(key) ? te(key) : te('generic')) : null);
  return (
    <form
      aria-label={t('resolve')}
      className="mt-3 flex flex-col gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const res = await postJson(`/api/incidents/${id}/resolve`, { note, fixVersion: fixVersion || undefined });
        setBusy(false);
        if (res.ok) {
          setDone(true);
          router.refresh();
        } else setErrors(res.error.fields ?? { _: 'generic' });
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={`note-${id}`} className="text-sm font-medium text-slate-700">
          {t('note')}
        </label>
        <textarea
          id={`note-${id}`}
          required
          rows={3}
          maxLength={4000}
          value={note}
          aria-invalid={errors.note ? true : undefined}
          onChange={(e) => setNote(e.target.value)}
          className="rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
        />
        {errors.note && <p className="text-xs text-red-600">{message(errors.note)}</p>}
      </div>
      <Field
        id={`fix-${id}`}
        label={t('fixVersion')}
        hint={t('fixVersionHint')}
        type="number"
        min={1}
        inputMode="numeric"
        value={fixVersion}
        onChange={(e) => setFixVersion(e.target.value)}
        error={message(errors.fixVersion)}
      />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy || !note.trim()}>
          {busy ? t('saving') : t('resolve')}
        </Button>
        {done && <span role="status" className="text-sm text-emerald-700">{t('done')}</span>}
        {errors._ && <span role="alert" className="text-sm text-red-600">{message(errors._)}</span>}
      </div>
    </form>
  );
}
