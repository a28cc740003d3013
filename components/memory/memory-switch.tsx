'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { postJson } from '@/components/http';
import { cn } from '@/components/ui/cn';

/** The per-user memory switch, with what it does in words: off means nothing is extracted or recalled. */
export function MemorySwitch({ initialEnabled }: { initialEnabled: boolean }) {
  const t = useTranslations('memory');
  const router = useRouter();
  const [enabled, setEnabled] = useState(initialEnabled);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle() {
    const next = !enabled;
    setBusy(true);
    setError(null);
    const res = await postJson<{ enabled: boolean }>('/api/memory/settings', { enabled: next }, 'PUT');
    setBusy(false);
    if (!res.ok) return setError(t('switchFailed'));
    setEnabled(res.data.enabled);
    router.refresh();
  }

  return (
    <section aria-labelledby="memory-switch-label" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 id="memory-switch-label" className="text-base font-semibold text-slate-900">
            {t('switchLabel')}
          </h2>
          <p id="memory-switch-explain" className="mt-1 max-w-2xl text-sm text-slate-600">
            {t('switchExplain')}
          </p>
        </div>
        <button
          type="button"
          role="switch"
          aria-checked={enabled}
          aria-labelledby="memory-switch-label"
          aria-describedby="memory-switch-explain"
          disabled={busy}
          onClick={toggle}
          className={cn(
            'relative inline-flex h-7 w-12 shrink-0 items-center rounded-full transition-colors focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2 disabled:opacity-60',
            enabled ? 'bg-brand-600' : 'bg-slate-300',
          )}
        >
          <span className="sr-only">{enabled ? t('switchOn') : t('switchOff')}</span>
          <span
            aria-hidden
            className={cn('inline-block h-5 w-5 rounded-full bg-white shadow transition-transform', enabled ? 'translate-x-6' : 'translate-x-1')}
          />
        </button>
      </div>
      <p role="status" className={cn('mt-3 text-sm font-medium', enabled ? 'text-emerald-700' : 'text-amber-800')}>
        {enabled ? t('switchStatusOn') : t('switchStatusOff')}
      </p>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
