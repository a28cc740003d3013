import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageUser } from '@/app/_lib/guards';
import { getDb } from '@/db/client';
import { listChatsWithPersona } from '@/lib/chat/list';
import { ChatListActions } from '@/components/chat/chat-list-actions';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

export default async function ChatsPage() {
  const user = await pageUser('/chats');
  const [t, format, chats] = await Promise.all([
    getTranslations('chats'),
    getFormatter(),
    listChatsWithPersona(await getDb(), user.id),
  ]);
  return (
    <>
      <PageHeader title={t('title')} lead={t('lead')} />
      {chats.length === 0 ? (
        <EmptyState
          title={t('empty')}
          body={t('emptyBody')}
          action={
            <Link href="/personas" className={buttonClass('primary')}>
              {t('browsePersonas')}
            </Link>
          }
        />
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm" aria-label={t('title')}>
          {chats.map((c) => (
            <li key={c.id} className="flex items-center gap-3 px-4 py-3">
              <Avatar assetId={c.avatarAssetId} name={c.personaName} />
              <div className="min-w-0 flex-1">
                <Link href={`/chats/${c.id}`} className="block truncate font-medium text-slate-900 hover:underline">
                  {c.title}
                </Link>
                <p className="truncate text-xs text-slate-500">
                  {c.personaName} · {format.relativeTime(c.updatedAt)}
                </p>
              </div>
              <ChatListActions chatId={c.id} title={c.title} />
            </li>
          ))}
        </ul>
      )}
      <p className="mt-4 text-xs text-slate-500">{t('deleteNote')}</p>
    </>
  );
}

function Avatar({ assetId, name }: { assetId: string | null; name: string }) {
  if (assetId) {
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={`/api/assets/${assetId}`} alt="" className="h-10 w-10 rounded-full object-cover" />;
  }
  return (
    <span aria-hidden className="grid h-10 w-10 place-items-center rounded-full bg-brand-100 font-semibold text-brand-700">
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}
