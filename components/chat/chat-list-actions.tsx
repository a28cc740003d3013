'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { postJson } from '@/components/http';

/** Rename and delete for one chat in the list. */
export function ChatListActions({ chatId, title }: { chatId: string; title: string }) {
  const t = useTranslations('chats');
  const router = useRouter();
  const [renaming, setRenaming] = useState(false);
  const [value, setValue] = useState(title);
  const [error, setError] = useState<string | null>(null);

  if (renaming) {
    return (
      <form
        className="flex items-center gap-2"
        onSubmit={async (e) => {
          e.preventDefault();
          const res = await postJson(`/api/chats/${chatId}`, { title: value }, 'PATCH');
          if (!res.ok) return setError(t('renameFailed'));
          setRenaming(false);
          router.refresh();
        }}
      >
        <label htmlFor={`title-${chatId}`} className="sr-only">
          {t('titleLabel')}
        </label>
        <input
          id={`title-${chatId}`}
          value={value}
          maxLength={120}
          autoFocus
          onChange={(e) => setValue(e.target.value)}
          className="w-48 rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
        <Button type="submit" className="px-3 py-1">
          {t('save')}
        </Button>
        <Button variant="ghost" className="px-3 py-1" onClick={() => setRenaming(false)}>
          {t('cancel')}
        </Button>
        {error && <span role="alert" className="text-xs text-red-600">{error}</span>}
      </form>
    );
  }
  return (
    <div className="flex items-center gap-1">
      <Button variant="ghost" className="px-3 py-1" onClick={() => setRenaming(true)} aria-label={t('renameLabel', { title })}>
        {t('rename')}
      </Button>
      <Button
        variant="ghost"
        className="px-3 py-1 text-red-700 hover:bg-red-50"
        aria-label={t('deleteLabel', { title })}
        onClick={async () => {
          if (!confirm(t('confirmDelete'))) return;
          const res = await postJson(`/api/chats/${chatId}`, {}, 'DELETE');
          if (res.ok) router.refresh();
        }}
      >
        {t('delete')}
      </Button>
    </div>
  );
}
