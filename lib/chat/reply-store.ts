import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { chats, messages } from '@/db/schema';
import type { GenerationOutcome } from './generation';

/** Inserts the turn's rows: the user's message (unless regenerating) and the reply, empty and `streaming`. */
export async function insertTurnMessages(
  tx: Tx,
  input: {
    chatId: string;
    userParentId: string | null;
    newUserText: string | null;
    replyParentId: string | null;
    personaVersion: number;
    modelId: string;
    retitle: string | null;
  },
): Promise<{ userMessageId: string | null; replyId: string; replyParentId: string | null }> {
  let userMessageId: string | null = null;
  if (input.newUserText !== null) {
    const [row] = await tx
      .insert(messages)
      .values({ chatId: input.chatId, parentId: input.userParentId, role: 'user', text: input.newUserText, status: 'complete' })
      .returning({ id: messages.id });
    userMessageId = row!.id;
  }
  const replyParentId = userMessageId ?? input.replyParentId;
  const [reply] = await tx
    .insert(messages)
    .values({
      chatId: input.chatId,
      parentId: replyParentId,
      role: 'assistant',
      status: 'streaming',
      personaVersion: input.personaVersion,
      modelId: input.modelId,
    })
    .returning({ id: messages.id });
  await tx
    .update(chats)
    .set({ activeLeafId: reply!.id, updatedAt: sql`now()`, ...(input.retitle ? { title: input.retitle } : {}) })
    .where(eq(chats.id, input.chatId));
  return { userMessageId, replyId: reply!.id, replyParentId };
}

/** Saves what has streamed so far; returns true when someone pressed Stop on another instance. */
export async function saveProgress(db: DbOrTx, replyId: string, text: string): Promise<boolean> {
  const [row] = await db
    .update(messages)
    .set({ text, updatedAt: sql`now()` })
    .where(and(eq(messages.id, replyId), eq(messages.status, 'streaming')))
    .returning({ stop: messages.stopRequested });
  return row?.stop ?? false;
}

export async function finishReply(db: DbOrTx, replyId: string, outcome: GenerationOutcome): Promise<void> {
  await db
    .update(messages)
    .set({
      text: outcome.text,
      status: outcome.status,
      error: outcome.error,
      usage: outcome.usage,
      updatedAt: sql`now()`,
    })
    .where(eq(messages.id, replyId));
}
