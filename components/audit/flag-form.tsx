'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { postJson } from '@/components/http';
import { Button } from '@/components/ui/button';

export function FlagForm({ seq }: { seq: number }) {
  const t = useTranslations('audit');
  const te = useTranslations('errors');
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form
      aria-label={t('flagTitle')}
      className="flex flex-col gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const res = await postJson(`/api/audit/${seq}/flag`, { reason });
        setBusy(false);
        if (res.ok) {
          setReason('');
          setStatus({ ok: true, text: t('flagDone') });
          router.refresh();
        } else {
          const key = res.error.fields?.reason ?? res.error.fields?._ ?? 'generic';
          setStatus({ ok: false, text: te.has(key) ? te(key) : te('generic') });
        }
      }}
    >
      <label htmlFor="flag-reason" className="text-sm font-medium text-slate-700">
        {t('flagReason')}
      </label>
      <textarea
        id="flag-reason"
        required
        maxLength={2000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        rows={3}
        className="rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
      />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="danger" disabled={busy || !reason.trim()}>
          {t('flagSubmit')}
        </Button>
        {status && (
          <span role="status" className={status.ok ? 'text-sm text-emerald-700' : 'text-sm text-red-600'}>
            {status.text}
          </span>
        )}
      </div>
    </form>
  );
}
