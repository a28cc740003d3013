import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { chats, messages } from '@/db/schema';
import { notFound } from '@/lib/errors';

/**
 * Stop buttons find their generation here when it runs in this process. When it runs on another instance, the
 * request is left on the message row, which that instance reads back at its next progress write (about 1 s).
 */
const running = new Map<string, AbortController>();

export function registerGeneration(messageId: string): AbortController {
  const controller = new AbortController();
  running.set(messageId, controller);
  return controller;
}

export function unregisterGeneration(messageId: string): void {
  running.delete(messageId);
}

export async function requestStop(db: DbOrTx, userId: string, messageId: string): Promise<void> {
  const [row] = await db
    .select({ id: messages.id, status: messages.status })
    .from(messages)
    .innerJoin(chats, eq(chats.id, messages.chatId))
    .where(and(eq(messages.id, messageId), eq(chats.userId, userId)))
    .limit(1);
  if (!row) throw notFound('Message');
  if (row.status !== 'streaming') return;
  const local = running.get(messageId);
  if (local) {
    local.abort();
    return;
  }
  await db.update(messages).set({ stopRequested: true }).where(eq(messages.id, messageId));
}
