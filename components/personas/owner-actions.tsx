'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { postJson } from '@/components/http';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';

/** Transfer and delete: the owner's irreversible actions, each asking once more before it acts. */
export function OwnerActions({ personaId }: { personaId: string }) {
  const t = useTranslations('personas.page');
  const te = useTranslations('errors');
  const router = useRouter();
  const [emailError, setEmailError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  async function transfer(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get('email') ?? '');
    setBusy(true);
    setEmailError(null);
    const res = await postJson(`/api/personas/${personaId}/transfer`, { email });
    setBusy(false);
    if (res.ok) {
      router.push('/personas');
      router.refresh();
      return;
    }
    const key = res.error.fields?.email;
    setEmailError(key && te.has(key) ? te(key) : te('generic'));
  }

  async function remove() {
    setBusy(true);
    setError(null);
    const res = await postJson(`/api/personas/${personaId}`, {}, 'DELETE');
    setBusy(false);
    if (res.ok) {
      router.push('/personas');
      router.refresh();
    } else setError(te('generic'));
  }

  return (
    <div className="grid gap-6 md:grid-cols-2">
      <form onSubmit={transfer} noValidate className="flex flex-col gap-3" aria-labelledby="transfer-title">
        <h3 id="transfer-title" className="text-sm font-semibold text-slate-900">{t('transfer')}</h3>
        <p className="text-xs text-slate-500">{t('transferHint')}</p>
        <Field id="transfer-email" name="email" type="email" label={t('transferEmail')} error={emailError} autoComplete="off" />
        <div>
          <Button type="submit" variant="secondary" disabled={busy}>{t('transferButton')}</Button>
        </div>
      </form>
      <div className="flex flex-col gap-3" role="group" aria-labelledby="delete-title">
        <h3 id="delete-title" className="text-sm font-semibold text-slate-900">{t('delete')}</h3>
        <p className="text-xs text-slate-500">{t('deleteHint')}</p>
        {confirming ? (
          <div className="flex gap-2">
            <Button variant="danger" disabled={busy} onClick={remove}>{t('deleteConfirm')}</Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>{t('deleteCancel')}</Button>
          </div>
        ) : (
          <div>
            <Button variant="danger" onClick={() => setConfirming(true)}>{t('delete')}</Button>
          </div>
        )}
        {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      </div>
    </div>
  );
}
