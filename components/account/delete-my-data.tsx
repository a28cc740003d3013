'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { postJson } from '@/components/http';
import { Button } from '@/components/ui/button';

type Report = { chats: number; messages: number; memories: number; auditContents: number };

/** The button, its confirmation (a modal <dialog>: focus stays inside, Escape cancels) and the outcome. */
export function DeleteMyData() {
  const t = useTranslations('account');
  const te = useTranslations('errors');
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  async function erase() {
    setBusy(true);
    const res = await postJson<Report>('/api/account/data', undefined, 'DELETE');
    setBusy(false);
    dialog.current?.close();
    if (res.ok) {
      setStatus({ ok: true, text: t('done', { messages: res.data.messages, memories: res.data.memories, records: res.data.auditContents }) });
      router.refresh();
    } else {
      const key = res.error.fields?._ ?? (res.status === 0 ? 'network' : 'generic');
      setStatus({ ok: false, text: te.has(key) ? te(key) : te('generic') });
    }
  }

  return (
    <>
      <Button
        variant="danger"
        onClick={() => {
          setStatus(null);
          dialog.current?.showModal();
        }}
      >
        {t('deleteButton')}
      </Button>
      {status && (
        <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'mt-3 text-sm text-emerald-700' : 'mt-3 text-sm text-red-600'}>
          {status.text}
        </p>
      )}
      <dialog
        ref={dialog}
        aria-labelledby="delete-data-title"
        aria-describedby="delete-data-body"
        className="m-auto max-w-md rounded-xl p-6 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id="delete-data-title" className="text-lg font-semibold text-slate-900">
          {t('confirmTitle')}
        </h2>
        <p id="delete-data-body" className="mt-2 text-sm text-slate-600">
          {t('confirmBody')}
        </p>
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" autoFocus disabled={busy} onClick={() => dialog.current?.close()}>
            {t('cancel')}
          </Button>
          <Button variant="danger" disabled={busy} onClick={() => void erase()}>
            {busy ? t('deleting') : t('confirmButton')}
          </Button>
        </div>
      </dialog>
    </>
  );
}
