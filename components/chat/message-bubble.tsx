'use client';

import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { MarkdownOrText } from './lazy-markdown';

export type BubbleMessage = {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  status?: string;
  kind?: string;
  error?: { code: string; message: string } | null;
  erased?: boolean;
};

type Props = {
  message: BubbleMessage;
  personaName: string;
  streaming?: boolean;
  busy: boolean;
  alternatives?: { index: number; count: number };
  onPage?: (delta: -1 | 1) => void;
  onRegenerate?: () => void;
  onEdit?: (text: string) => void;
  /** For a stored reply: the control that shows its audit facts. */
  details?: ReactNode;
};

export function MessageBubble({ message, personaName, streaming, busy, alternatives, onPage, onRegenerate, onEdit, details }: Props) {
  const t = useTranslations('chat');
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.text);
  const [copied, setCopied] = useState(false);
  const mine = message.role === 'user';
  const failed = message.status === 'error' || message.status === 'interrupted';
  const label = mine ? t('you') : personaName;

  return (
    <article
      aria-label={t('messageFrom', { name: label })}
      data-role={message.role}
      data-status={message.status ?? (streaming ? 'streaming' : 'complete')}
      className={cn('group flex flex-col gap-1', mine ? 'items-end' : 'items-start')}
    >
      <div className="flex items-center gap-2 px-1 text-xs text-slate-500">
        <span className="font-medium text-slate-700">{label}</span>
        {!mine && (
          <span className="rounded bg-amber-50 px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-amber-800">
            {t('aiGenerated')}
          </span>
        )}
      </div>
      <div
        className={cn(
          'max-w-[85%] rounded-2xl px-4 py-2.5 shadow-sm',
          mine ? 'bg-brand-600 text-white' : 'border border-slate-200 bg-white text-slate-900',
          failed && 'border-red-300',
        )}
      >
        {editing ? (
          <form
            className="flex min-w-[16rem] flex-col gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (!draft.trim()) return;
              setEditing(false);
              onEdit?.(draft.trim());
            }}
          >
            <label htmlFor={`edit-${message.id}`} className="sr-only">
              {t('editLabel')}
            </label>
            <textarea
              id={`edit-${message.id}`}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              rows={3}
              className="rounded-lg border border-slate-300 px-2 py-1 text-sm text-slate-900"
            />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setEditing(false)}>
                {t('cancel')}
              </Button>
              <Button type="submit">{t('saveAndSend')}</Button>
            </div>
          </form>
        ) : message.erased ? (
          <p className={cn('text-sm italic', mine ? 'text-brand-50' : 'text-slate-500')}>{t('erasedNote')}</p>
        ) : mine ? (
          <p className="whitespace-pre-wrap text-sm">{message.text}</p>
        ) : message.text ? (
          <MarkdownOrText text={message.text} />
        ) : streaming ? (
          <span role="status" aria-label={t('typing')} className="inline-flex gap-1 py-1">
            <span className="h-2 w-2 animate-bounce rounded-full bg-slate-400" />
            <span className="h-2 w-2 animate-bounce rounded-full bg-slate-400 [animation-delay:120ms]" />
            <span className="h-2 w-2 animate-bounce rounded-full bg-slate-400 [animation-delay:240ms]" />
          </span>
        ) : null}
        {message.status === 'blocked' && <p className="mt-1 text-xs text-slate-500">{t('blockedNote')}</p>}
        {message.status === 'stopped' && <p className="mt-1 text-xs text-slate-500">{t('stoppedNote')}</p>}
      </div>
      {failed && (
        <div role="alert" className="flex items-center gap-2 px-1 text-xs text-red-700">
          <span>{t(`errors.${errorKey(message.error?.code, message.status)}`)}</span>
          {onRegenerate && (
            <Button variant="secondary" className="px-2 py-1 text-xs" disabled={busy} onClick={onRegenerate}>
              {t('retry')}
            </Button>
          )}
        </div>
      )}
      {!editing && !streaming && (
        <div className={cn('flex flex-wrap items-center gap-1 px-1 text-xs text-slate-500', !mine && 'w-full')}>
          {alternatives && alternatives.count > 1 && (
            <span className="flex items-center gap-1" role="group" aria-label={t('alternatives')}>
              <button
                type="button"
                aria-label={t('previousAlternative')}
                disabled={busy || alternatives.index === 0}
                onClick={() => onPage?.(-1)}
                className="rounded px-1.5 hover:bg-slate-100 disabled:opacity-40"
              >
                ‹
              </button>
              <span data-testid="alternative-position">
                {alternatives.index + 1}/{alternatives.count}
              </span>
              <button
                type="button"
                aria-label={t('nextAlternative')}
                disabled={busy || alternatives.index >= alternatives.count - 1}
                onClick={() => onPage?.(1)}
                className="rounded px-1.5 hover:bg-slate-100 disabled:opacity-40"
              >
                ›
              </button>
            </span>
          )}
          {!message.erased && (
            <button
              type="button"
              onClick={async () => {
                await navigator.clipboard?.writeText(message.text).catch(() => {});
                setCopied(true);
                setTimeout(() => setCopied(false), 1500);
              }}
              className="rounded px-1.5 py-0.5 opacity-70 hover:bg-slate-100 hover:opacity-100"
            >
              {copied ? t('copied') : t('copy')}
            </button>
          )}
          {mine && onEdit && (
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                setDraft(message.text);
                setEditing(true);
              }}
              className="rounded px-1.5 py-0.5 opacity-70 hover:bg-slate-100 hover:opacity-100 disabled:opacity-30"
            >
              {t('edit')}
            </button>
          )}
          {!mine && onRegenerate && !failed && (
            <button
              type="button"
              disabled={busy}
              onClick={onRegenerate}
              className="rounded px-1.5 py-0.5 opacity-70 hover:bg-slate-100 hover:opacity-100 disabled:opacity-30"
            >
              {t('regenerate')}
            </button>
          )}
          {!mine && details}
        </div>
      )}
    </article>
  );
}

const knownErrors = ['provider_auth', 'provider_rate_limited', 'provider_unavailable', 'timeout', 'broken_stream', 'interrupted'];
function errorKey(code: string | undefined, status: string | undefined): string {
  if (status === 'interrupted' && !code) return 'interrupted';
  return code && knownErrors.includes(code) ? code : 'generic';
}

