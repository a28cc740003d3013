'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MemoryKind } from '@/lib/memory/types';
import type { MemoryPageView, MemoryView } from '@/lib/memory/view';
import { postJson } from '@/components/http';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ForgetDialog } from './forget-dialog';
import { MemoryItem } from './memory-item';

type Props = {
  personaId: string;
  personaName: string;
  initial: MemoryPageView;
  kinds: readonly MemoryKind[];
  textMax: number;
};

const SEARCH_DELAY_MS = 250;

// The server's order: pinned first, then most recently changed.
const byListOrder = (a: MemoryView, b: MemoryView) =>
  Number(b.pinned) - Number(a.pinned) || b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id);

/** One persona's memories of the user: search, page through, edit, pin, delete, forget everything. */
export function MemoryManager({ personaId, personaName, initial, kinds, textMax }: Props) {
  const t = useTranslations('memory');
  const [query, setQuery] = useState('');
  const [shownQuery, setShownQuery] = useState('');
  const [items, setItems] = useState(initial.items);
  const [page, setPage] = useState(initial.page);
  const [hasMore, setHasMore] = useState(initial.hasMore);
  const [status, setStatus] = useState<'idle' | 'loading' | 'error'>('idle');
  const [notice, setNotice] = useState<string | null>(null);
  const [forgetting, setForgetting] = useState(false);
  const [forgetBusy, setForgetBusy] = useState(false);
  const [forgetError, setForgetError] = useState<string | null>(null);
  const inflight = useRef<AbortController | null>(null);
  const lastAttempt = useRef<[string, number]>(['', 1]);

  const load = useCallback(
    async (q: string, pageNo: number) => {
      inflight.current?.abort();
      const ctrl = new AbortController();
      inflight.current = ctrl;
      lastAttempt.current = [q, pageNo];
      setStatus('loading');
      const params = new URLSearchParams({ page: String(pageNo), ...(q.trim() ? { q: q.trim() } : {}) });
      try {
        const res = await fetch(`/api/memory/personas/${personaId}?${params}`, { signal: ctrl.signal });
        if (!res.ok) throw new Error(String(res.status));
        const data = (await res.json()) as MemoryPageView;
        setItems((prev) => (pageNo === 1 ? data.items : [...prev, ...data.items.filter((m) => !prev.some((p) => p.id === m.id))]));
        setPage(data.page);
        setHasMore(data.hasMore);
        setShownQuery(q.trim());
        setStatus('idle');
      } catch {
        // A request replaced by a newer one is not a failure.
        if (!ctrl.signal.aborted) setStatus('error');
      }
    },
    [personaId],
  );

  // Search as the user types, once they pause.
  useEffect(() => {
    if (query.trim() === shownQuery) return;
    const timer = setTimeout(() => void load(query, 1), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, shownQuery, load]);

  function changed(m: MemoryView) {
    setNotice(null);
    setItems((prev) => prev.map((p) => (p.id === m.id ? m : p)).sort(byListOrder));
  }

  function deleted(id: string) {
    setItems((prev) => prev.filter((p) => p.id !== id));
    setNotice(t('deleted'));
  }

  async function forgetAll() {
    setForgetBusy(true);
    setForgetError(null);
    const res = await postJson<{ erased: number }>(`/api/memory/personas/${personaId}`, {}, 'DELETE');
    setForgetBusy(false);
    if (!res.ok) return setForgetError(t('actionFailed'));
    setForgetting(false);
    setItems([]);
    setHasMore(false);
    setNotice(t('forgotten', { count: res.data.erased }));
  }

  const searching = shownQuery !== '';
  return (
    <div className="flex flex-col gap-3">
      <div>
        <div className="flex flex-wrap items-end justify-between gap-3">
          <form role="search" onSubmit={(e) => (e.preventDefault(), void load(query, 1))} className="flex min-w-0 flex-1 flex-col gap-1">
            <label htmlFor="memory-search" className="text-sm font-medium text-slate-700">
              {t('searchLabel')}
            </label>
            <input
              id="memory-search"
              type="search"
              value={query}
              maxLength={200}
              placeholder={t('searchPlaceholder')}
              onChange={(e) => setQuery(e.target.value)}
              className="w-full max-w-md rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
            />
          </form>
          {(items.length > 0 || searching) && (
            <Button variant="danger" onClick={() => (setForgetError(null), setForgetting(true))}>
              {t('forgetAll')}
            </Button>
          )}
        </div>
        <div aria-live="polite" className="mt-1 min-h-5 text-sm">
          {status === 'loading' && <p role="status" className="text-slate-500">{t('loading')}</p>}
          {status === 'idle' && notice && <p role="status" className="text-emerald-700">{notice}</p>}
        </div>
      </div>
      {status === 'error' && (
        <div role="alert" className="flex items-center gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {t('loadFailed')}
          <Button variant="secondary" className="px-3 py-1" onClick={() => void load(...lastAttempt.current)}>
            {t('retry')}
          </Button>
        </div>
      )}

      {items.length === 0 && status !== 'loading' ? (
        searching ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">
            {t('noMatches', { query: shownQuery })}
          </p>
        ) : (
          <EmptyState title={t('personaEmpty', { name: personaName })} body={t('personaEmptyBody', { name: personaName })} />
        )
      ) : (
        <ul aria-label={t('listLabel')} aria-busy={status === 'loading'} className="flex flex-col gap-3">
          {items.map((m) => (
            <MemoryItem key={m.id} memory={m} kinds={kinds} textMax={textMax} onChanged={changed} onDeleted={deleted} />
          ))}
        </ul>
      )}
      {hasMore && (
        <div>
          <Button variant="secondary" disabled={status === 'loading'} onClick={() => void load(shownQuery, page + 1)}>
            {t('showMore')}
          </Button>
        </div>
      )}

      <ForgetDialog
        open={forgetting}
        personaName={personaName}
        busy={forgetBusy}
        error={forgetError}
        onConfirm={forgetAll}
        onClose={() => setForgetting(false)}
      />
    </div>
  );
}
