'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FieldNote } from './form-controls';

// Problems whose English detail names the exact spot (field, JSON position, chunk): worth showing beside the summary.
const DETAILED = new Set(['card_bad_field', 'card_bad_book', 'card_invalid_json', 'card_wrong_spec', 'card_damaged_png', 'card_bad_chunk']);

/** Sends the chosen card file as the raw request body; the server says exactly what is wrong with a bad one. */
export function ImportCardForm({ maxBytes }: { maxBytes: number }) {
  const t = useTranslations('personas.import');
  const tc = useTranslations('personas.cardErrors');
  const te = useTranslations('errors');
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<{ text: string; detail?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!file) return setError({ text: t('chooseFile') });
    if (file.size > maxBytes) return setError({ text: t('tooLarge', { mb: Math.round(maxBytes / 1024 / 1024) }) });
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/personas/import', { method: 'POST', headers: { 'content-type': file.type || 'application/octet-stream' }, body: file });
      const payload = await res.json().catch(() => null);
      if (res.ok) {
        router.push(`/personas/${payload.id}`);
        router.refresh();
        return;
      }
      const key = payload?.error?.fields?.file as string | undefined;
      const detail = payload?.error?.message as string | undefined;
      if (res.status === 413) setError({ text: t('tooLarge', { mb: Math.round(maxBytes / 1024 / 1024) }) });
      else if (key && tc.has(key)) setError({ text: tc(key), detail: DETAILED.has(key) ? detail : undefined });
      else if (key && te.has(key)) setError({ text: te(key) });
      else setError({ text: te('generic'), detail });
    } catch {
      setError({ text: te('network') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={busy} className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <label htmlFor="card-file" className="text-sm font-medium text-slate-700">
          {t('file')}
        </label>
        <input
          id="card-file"
          type="file"
          accept=".png,.json,image/png,application/json"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'card-file-error' : 'card-file-hint'}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          className="text-sm file:mr-3 file:rounded-lg file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-brand-700"
        />
        <FieldNote id="card-file" hint={t('fileHint')} />
      </div>
      {error && (
        <div id="card-file-error" role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          <p>{error.text}</p>
          {error.detail && <p className="mt-1 font-mono text-xs text-red-600">{error.detail}</p>}
        </div>
      )}
      <div>
        <Button type="submit" disabled={busy}>
          {busy ? t('importing') : t('submit')}
        </Button>
      </div>
    </form>
  );
}
