import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { pageUser } from '@/app/_lib/guards';
import { getDb } from '@/db/client';
import { effectiveModelId } from '@/lib/ai/default-model';
import { modelInfo } from '@/lib/ai/registry';
import { getChatForUserOrThrow, listMessages } from '@/lib/chat/queries';
import { toMessageView } from '@/lib/chat/view';
import { DomainError } from '@/lib/errors';
import { getPersonaVersion, getPersonaVersionForChat } from '@/lib/personas/queries';
import { ChatView } from '@/components/chat/chat-view';

export default async function ChatPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await pageUser(`/chats/${id}`);
  const db = await getDb();
  const t = await getTranslations('chat');
  const tm = await getTranslations('models');
  const tMemory = await getTranslations('memory');
  try {
    const chat = await getChatForUserOrThrow(db, user.id, id);
    const messages = await listMessages(db, chat.id);
    // A persona deleted (or made private) after the chat began: the chat stays readable, but takes no new turns.
    const live = await getPersonaVersionForChat(user.id, chat.personaId, db).catch((e) => {
      if (e instanceof DomainError && e.code === 'not_found') return null;
      throw e;
    });
    const lastVersion = Math.max(1, ...messages.map((m) => m.personaVersion ?? 1));
    const version = live?.version ?? (await getPersonaVersion(db, chat.personaId, lastVersion));
    if (!version) notFound();
    const modelId = await effectiveModelId(db, version.model.modelId);
    const info = modelInfo(modelId);
    const modelLabel = info.kind === 'offline' ? tm('offline') : info.label;
    return (
      <div className="flex flex-col gap-3">
        <div className="flex items-center justify-between gap-2">
          <div className="min-w-0">
            <h1 className="truncate text-lg font-semibold text-slate-900">{chat.title}</h1>
            <p className="text-xs text-slate-500">
              <Link href={`/personas/${chat.personaId}`} className="hover:underline">
                {version.profile.name}
              </Link>{' '}
              · v{version.version} · {modelLabel} ·{' '}
              <Link href={`/memory/${chat.personaId}`} className="hover:underline">
                {tMemory('remembersLink', { name: version.profile.name })}
              </Link>
            </p>
          </div>
          <Link href="/chats" className="text-sm text-brand-700 hover:underline">
            {t('allChats')}
          </Link>
        </div>
        <ChatView
          chatId={chat.id}
          activeLeafId={chat.activeLeafId}
          personaName={version.profile.name}
          modelLabel={modelLabel}
          readOnlyReason={live ? null : t('personaGone')}
          initialMessages={messages.map(toMessageView)}
        />
      </div>
    );
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') notFound();
    throw err;
  }
}
