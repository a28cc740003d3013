'use client';

import { useTranslations } from 'next-intl';
import { useRef, useState, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/button';

/** Enter sends, Shift+Enter breaks the line; while a reply streams the button stops it. */
export function Composer({
  busy,
  disabled,
  onSend,
  onStop,
}: {
  busy: boolean;
  disabled?: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
}) {
  const t = useTranslations('chat');
  const [text, setText] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);

  function send() {
    const value = text.trim();
    if (!value || busy || disabled) return;
    onSend(value);
    setText('');
    ref.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  }

  return (
    <form
      className="flex items-end gap-2 border-t border-slate-200 bg-white p-3"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label htmlFor="chat-input" className="sr-only">
        {t('inputLabel')}
      </label>
      <textarea
        id="chat-input"
        ref={ref}
        rows={1}
        value={text}
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={t('inputPlaceholder')}
        className="max-h-48 min-h-[2.5rem] flex-1 resize-y rounded-lg border border-slate-300 px-3 py-2 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
      />
      {busy ? (
        <Button variant="secondary" onClick={onStop}>
          {t('stop')}
        </Button>
      ) : (
        <Button type="submit" disabled={!text.trim() || disabled}>
          {t('send')}
        </Button>
      )}
    </form>
  );
}
