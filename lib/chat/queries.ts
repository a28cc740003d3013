import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { chats, messages } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { isUuid } from '@/lib/auth/users';

export type Chat = typeof chats.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type MessageStatus = Message['status'];

/** A chat the user owns and has not deleted, or 404 — another user's chat is indistinguishable from none. */
export async function getChatForUserOrThrow(db: DbOrTx, userId: string, chatId: string): Promise<Chat> {
  if (!isUuid(chatId)) throw notFound('Chat');
  const [chat] = await db
    .select()
    .from(chats)
    .where(and(eq(chats.id, chatId), eq(chats.userId, userId), isNull(chats.deletedAt)))
    .limit(1);
  if (!chat) throw notFound('Chat');
  return chat;
}

export async function listMessages(db: DbOrTx, chatId: string): Promise<Message[]> {
  return db.select().from(messages).where(eq(messages.chatId, chatId)).orderBy(asc(messages.createdAt));
}

/** A new chat opened by the persona's greetings: the first is shown, the alternates are its swipes. */
export async function createChat(
  db: Db,
  input: { userId: string; personaId: string; personaVersion: number; title: string; greetings: string[] },
): Promise<Chat> {
  return db.transaction(async (tx) => {
    const [chat] = await tx.insert(chats).values({ userId: input.userId, personaId: input.personaId, title: input.title }).returning();
    const greetings = input.greetings.filter((g) => g.trim());
    if (greetings.length) {
      const base = Date.now();
      const rows = await tx
        .insert(messages)
        .values(
          greetings.map((text, i) => ({
            chatId: chat!.id,
            parentId: null,
            role: 'assistant' as const,
            kind: 'greeting',
            text,
            status: 'complete' as const,
            personaVersion: input.personaVersion,
            // Distinct times keep the greetings' order stable when they are sorted.
            createdAt: new Date(base + i),
          })),
        )
        .returning({ id: messages.id });
      await tx.update(chats).set({ activeLeafId: rows[0]!.id }).where(eq(chats.id, chat!.id));
      chat!.activeLeafId = rows[0]!.id;
    }
    return chat!;
  });
}

export async function renameChat(db: DbOrTx, userId: string, chatId: string, title: string): Promise<Chat> {
  await getChatForUserOrThrow(db, userId, chatId);
  const [chat] = await db.update(chats).set({ title }).where(eq(chats.id, chatId)).returning();
  return chat!;
}

/** Hides the chat and its messages from the user. Memories and audit records are kept (and the UI says so). */
export async function deleteChat(db: DbOrTx, userId: string, chatId: string): Promise<void> {
  await getChatForUserOrThrow(db, userId, chatId);
  await db.update(chats).set({ deletedAt: new Date() }).where(eq(chats.id, chatId));
}

export async function setActiveLeaf(db: DbOrTx, userId: string, chatId: string, leafId: string): Promise<void> {
  await getChatForUserOrThrow(db, userId, chatId);
  const [msg] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.id, leafId), eq(messages.chatId, chatId)))
    .limit(1);
  if (!msg) throw notFound('Message');
  await db.update(chats).set({ activeLeafId: leafId }).where(eq(chats.id, chatId));
}

/** After a crash, replies that were streaming when the process died are closed as interrupted. */
export async function closeOrphanedStreamingMessages(db: DbOrTx, olderThan: Date): Promise<string[]> {
  const rows = await db
    .update(messages)
    .set({ status: 'interrupted', updatedAt: sql`now()` })
    .where(and(eq(messages.status, 'streaming'), lt(messages.updatedAt, olderThan)))
    .returning({ id: messages.id });
  return rows.map((r) => r.id);
}
