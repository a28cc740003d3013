'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';

/** Asks once more before "forget everything": a modal dialog (Escape or Cancel closes it). */
export function ForgetDialog({
  open,
  personaName,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  personaName: string;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useTranslations('memory');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="forget-title"
      aria-describedby="forget-body"
      onClose={onClose}
      className="m-auto max-w-md rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="p-6">
        <h2 id="forget-title" className="text-lg font-semibold text-slate-900">
          {t('forgetTitle', { name: personaName })}
        </h2>
        <p id="forget-body" className="mt-2 text-sm text-slate-600">
          {t('forgetBody', { name: personaName })}
        </p>
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="ghost" autoFocus onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button variant="danger" disabled={busy} onClick={onConfirm}>
            {t('forgetConfirm')}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
