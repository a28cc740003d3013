'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { MemoryKind } from '@/lib/memory/types';
import type { MemoryView } from '@/lib/memory/view';
import { postJson } from '@/components/http';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';

type Props = {
  memory: MemoryView;
  kinds: readonly MemoryKind[];
  textMax: number;
  onChanged: (memory: MemoryView) => void;
  onDeleted: (id: string) => void;
};

const kindTone = { user_fact: 'brand', relationship: 'ok', event: 'neutral' } as const;

/** One memory: its text (as text, never HTML), kind, importance and times; edit, pin and delete in place. */
export function MemoryItem({ memory, kinds, textMax, onChanged, onDeleted }: Props) {
  const t = useTranslations('memory');
  const format = useFormatter();
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });

  async function act(url: string, body: unknown, method: string, done: (data: { memory?: MemoryView }) => void) {
    setBusy(true);
    setError(null);
    const res = await postJson<{ memory?: MemoryView }>(url, body, method);
    setBusy(false);
    if (res.ok) return done(res.data);
    // Gone already (deleted in another tab): drop it here too.
    if (res.status === 404) return onDeleted(memory.id);
    setError(t('actionFailed'));
  }

  const url = `/api/memory/items/${memory.id}`;
  return (
    <li className={cn('rounded-xl border bg-white p-4 shadow-sm', memory.pinned ? 'border-brand-300' : 'border-slate-200')}>
      {mode === 'edit' ? (
        <EditForm
          memory={memory}
          kinds={kinds}
          textMax={textMax}
          onCancel={() => setMode('view')}
          onSaved={(m) => {
            setMode('view');
            onChanged(m);
          }}
        />
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={kindTone[memory.kind]}>{t(`kinds.${memory.kind}`)}</Badge>
            {memory.pinned && <Badge tone="warn">{t('pinned')}</Badge>}
            <span className="text-xs text-slate-500">{t('importance', { value: memory.importance })}</span>
          </div>
          <p className="mt-2 whitespace-pre-wrap break-words text-slate-900">{memory.text}</p>
          <p className="mt-2 text-xs text-slate-500">
            <time dateTime={memory.createdAt}>{t('created', { time: when(memory.createdAt) })}</time>
            {memory.updatedAt !== memory.createdAt && (
              <>
                {' · '}
                <time dateTime={memory.updatedAt}>{t('updated', { time: when(memory.updatedAt) })}</time>
              </>
            )}
          </p>
          {mode === 'confirm-delete' ? (
            <div role="group" aria-label={t('deleteQuestion')} className="mt-3 flex flex-wrap items-center gap-2">
              <span className="text-sm font-medium text-slate-800">{t('deleteQuestion')}</span>
              <Button variant="danger" className="px-3 py-1" disabled={busy} onClick={() => act(url, {}, 'DELETE', () => onDeleted(memory.id))}>
                {t('deleteConfirm')}
              </Button>
              <Button variant="ghost" className="px-3 py-1" autoFocus onClick={() => setMode('view')}>
                {t('deleteKeep')}
              </Button>
            </div>
          ) : (
            <div className="mt-3 flex flex-wrap gap-1">
              <Button variant="secondary" className="px-3 py-1" onClick={() => setMode('edit')}>
                {t('edit')}
              </Button>
              <Button
                variant="secondary"
                className="px-3 py-1"
                title={t('pinHint')}
                disabled={busy}
                onClick={() => act(`${url}/pin`, { pinned: !memory.pinned }, 'PUT', (d) => d.memory && onChanged(d.memory))}
              >
                {memory.pinned ? t('unpin') : t('pin')}
              </Button>
              <Button variant="ghost" className="px-3 py-1 text-red-700! hover:bg-red-50" onClick={() => setMode('confirm-delete')}>
                {t('delete')}
              </Button>
            </div>
          )}
          {error && (
            <p role="alert" className="mt-2 text-sm text-red-700">
              {error}
            </p>
          )}
        </>
      )}
    </li>
  );
}

function EditForm({
  memory,
  kinds,
  textMax,
  onCancel,
  onSaved,
}: Pick<Props, 'memory' | 'kinds' | 'textMax'> & { onCancel: () => void; onSaved: (m: MemoryView) => void }) {
  const t = useTranslations('memory');
  const te = useTranslations('errors');
  const [text, setText] = useState(memory.text);
  const [kind, setKind] = useState<MemoryKind>(memory.kind);
  const [importance, setImportance] = useState(memory.importance);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `memory-${memory.id}`;
  const length = text.trim().length;

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    // The same rules the server applies, so the message appears before a round trip.
    if (length === 0) return setFieldError(te('required'));
    if (length > textMax) return setFieldError(te('too_long'));
    setFieldError(null);
    setBusy(true);
    const res = await postJson<{ memory: MemoryView }>(`/api/memory/items/${memory.id}`, { text, kind, importance }, 'PATCH');
    setBusy(false);
    if (res.ok) return onSaved(res.data.memory);
    const key = res.error.fields?.text;
    if (key) setFieldError(te.has(key) ? te(key) : te('generic'));
    else setError(t('actionFailed'));
  }

  return (
    <form onSubmit={save} noValidate className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-text`} className="text-sm font-medium text-slate-700">
          {t('textLabel')}
        </label>
        <textarea
          id={`${id}-text`}
          value={text}
          rows={3}
          autoFocus
          onChange={(e) => setText(e.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={`${id}-count${fieldError ? ` ${id}-error` : ''}`}
          className={cn(
            'rounded-lg border bg-white px-3 py-2 text-sm shadow-sm outline-none focus:ring-2',
            fieldError ? 'border-red-500 focus:ring-red-200' : 'border-slate-300 focus:border-brand-500 focus:ring-brand-100',
          )}
        />
        <div className="flex justify-between gap-2 text-xs">
          <span id={`${id}-error`} role={fieldError ? 'alert' : undefined} className="text-red-600">
            {fieldError}
          </span>
          <span id={`${id}-count`} className={length > textMax ? 'font-medium text-red-600' : 'text-slate-500'}>
            {t('charCount', { count: length, max: textMax })}
          </span>
        </div>
      </div>
      <div className="flex flex-wrap gap-4">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          {t('kindLabel')}
          <select value={kind} onChange={(e) => setKind(e.target.value as MemoryKind)} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          {t('importanceLabel')}
          <select value={importance} onChange={(e) => setImportance(Number(e.target.value))} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" className="px-3 py-1" disabled={busy}>
          {t('save')}
        </Button>
        <Button variant="ghost" className="px-3 py-1" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}
