'use client';

import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport, type UIMessage } from 'ai';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buildTree, latestLeaf, pathTo, siblingsOf } from '@/lib/chat/tree';
import type { MessageView } from '@/lib/chat/view';
import { Composer } from './composer';
import { AiNotice } from './ai-notice';
import { MessageBubble } from './message-bubble';
import { ReplyDetails } from './reply-details';

type Props = {
  chatId: string;
  activeLeafId: string | null;
  personaName: string;
  modelLabel: string;
  /** Set when the chat can be read but not continued (its persona is gone). */
  readOnlyReason?: string | null;
  initialMessages: MessageView[];
};

const toUI = (m: MessageView): UIMessage => ({ id: m.id, role: m.role, parts: [{ type: 'text', text: m.text }] });
const textOf = (m: UIMessage) => m.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');

export function ChatView({ chatId, activeLeafId, personaName, modelLabel, readOnlyReason, initialMessages }: Props) {
  const t = useTranslations('chat');
  const [all, setAll] = useState(initialMessages);
  const [leafId, setLeafId] = useState(activeLeafId);
  const tree = useMemo(() => buildTree(all), [all]);
  const path = useMemo(() => pathTo(tree, leafId), [tree, leafId]);
  const endRef = useRef<HTMLDivElement>(null);

  const transport = useMemo(
    () =>
      new DefaultChatTransport<UIMessage>({
        api: '/api/chat',
        // The server keeps the conversation; the browser only says what to do next.
        prepareSendMessagesRequest: ({ body }) => ({ body: body ?? {} }),
      }),
    [],
  );

  const refreshRef = useRef<() => Promise<void>>(async () => {});
  const { messages, setMessages, sendMessage, regenerate, stop, status, clearError } = useChat({
    id: chatId,
    messages: path.map(toUI),
    transport,
    onFinish: () => void refreshRef.current(),
    onError: () => void refreshRef.current(),
  });
  const busy = status === 'submitted' || status === 'streaming';

  // The stored tree is the truth: after every turn (finished, stopped or failed) show what the server kept.
  const refresh = useCallback(async () => {
    const res = await fetch(`/api/chats/${chatId}`, { cache: 'no-store' });
    if (!res.ok) return;
    const data = (await res.json()) as { messages: MessageView[]; activeLeafId: string | null };
    setAll(data.messages);
    setLeafId(data.activeLeafId);
    setMessages(pathTo(buildTree(data.messages), data.activeLeafId).map(toUI));
    clearError();
  }, [chatId, setMessages, clearError]);
  refreshRef.current = refresh;

  // A reply still being written (e.g. after a reload mid-stream) is polled until it is stored.
  const pending = !busy && path.some((m) => m.status === 'streaming');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void refresh(), 1000);
    return () => clearInterval(timer);
  }, [pending, refresh]);

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [messages]);

  function showBranch(newLeaf: string | null) {
    setLeafId(newLeaf);
    setMessages(pathTo(tree, newLeaf).map(toUI));
    if (newLeaf) {
      void fetch(`/api/chats/${chatId}/leaf`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ leafId: newLeaf }),
      });
    }
  }

  function page(id: string, delta: -1 | 1) {
    const { ids, index } = siblingsOf(tree, id);
    const target = ids[index + delta];
    if (target) showBranch(latestLeaf(tree, target));
  }

  function send(text: string) {
    const parentId = messages.at(-1)?.id ?? null;
    void sendMessage({ text }, { body: { action: 'send', chatId, parentId, text } });
  }

  function regenerateReply(id: string) {
    void regenerate({ messageId: id, body: { action: 'regenerate', chatId, messageId: id } });
  }

  function edit(id: string, text: string) {
    const index = messages.findIndex((m) => m.id === id);
    setMessages(messages.slice(0, Math.max(0, index)));
    void sendMessage({ text }, { body: { action: 'edit', chatId, messageId: id, text } });
  }

  async function stopReply() {
    const last = messages.at(-1);
    await stop();
    if (last?.role === 'assistant') {
      await fetch('/api/chat/stop', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messageId: last.id }),
      }).catch(() => {});
    }
    void refresh();
  }

  const lastId = messages.at(-1)?.id;
  return (
    <div className="flex h-[calc(100vh-9rem)] min-h-[28rem] flex-col overflow-hidden rounded-xl border border-slate-200 bg-slate-50 shadow-sm">
      <AiNotice personaName={personaName} modelLabel={modelLabel} />
      <div className="flex-1 space-y-4 overflow-y-auto px-4 py-4" aria-live="polite" aria-busy={busy}>
        {messages.length === 0 && !busy && <p className="py-8 text-center text-sm text-slate-500">{t('empty')}</p>}
        {messages.map((m) => {
          const stored = tree.byId.get(m.id);
          const alt = stored ? siblingsOf(tree, m.id) : undefined;
          const streaming = busy && m.id === lastId && m.role === 'assistant';
          const isGreeting = stored?.kind === 'greeting';
          return (
            <MessageBubble
              key={m.id}
              message={{
                id: m.id,
                role: m.role === 'user' ? 'user' : 'assistant',
                text: textOf(m),
                status: streaming ? 'streaming' : stored?.status,
                kind: stored?.kind,
                error: stored?.error,
                erased: stored?.erased,
              }}
              personaName={personaName}
              streaming={streaming || stored?.status === 'streaming'}
              busy={busy}
              alternatives={alt && alt.ids.length > 1 ? { index: alt.index, count: alt.ids.length } : undefined}
              onPage={(d) => page(m.id, d)}
              onRegenerate={stored && !readOnlyReason && m.role === 'assistant' && !isGreeting ? () => regenerateReply(m.id) : undefined}
              onEdit={stored && !readOnlyReason && m.role === 'user' ? (text) => edit(m.id, text) : undefined}
              details={stored && m.role === 'assistant' && !isGreeting ? <ReplyDetails chatId={chatId} messageId={m.id} /> : undefined}
            />
          );
        })}
        {status === 'submitted' && messages.at(-1)?.role === 'user' && (
          <MessageBubble message={{ id: 'pending', role: 'assistant', text: '' }} personaName={personaName} streaming busy />
        )}
        <div ref={endRef} />
      </div>
      {readOnlyReason ? (
        <p role="status" className="border-t border-slate-200 bg-white p-4 text-center text-sm text-slate-600">
          {readOnlyReason}
        </p>
      ) : (
        <Composer busy={busy} onSend={send} onStop={() => void stopReply()} />
      )}
    </div>
  );
}
