import type { Tx } from '@/db/client';
import { insertChange } from './queries';

/** Who changed a memory: the extractor (reading one message of one chat) or a signed-in user. */
export type MemoryActor = { type: 'extractor'; chatId: string; messageId: string } | { type: 'user'; userId: string };

/**
 * One memory write, edit or deletion, as handed to the `onChange` hook. `forget_all` is one event for a whole
 * persona ("forget everything"), with `memoryId` null and `count` the number of memories erased.
 * A deletion the user asks for is an erasure: its event carries no text, and the text is gone from the memory's
 * history too. A deletion by the extractor (a fact that no longer holds) keeps the old text in `beforeText`.
 */
export type MemoryChange = {
  op: 'add' | 'update' | 'delete' | 'pin' | 'unpin' | 'forget_all';
  memoryId: string | null;
  personaId: string;
  /** Whose memory it is. */
  userId: string;
  beforeText: string | null;
  afterText: string | null;
  count: number;
  actor: MemoryActor;
};

/**
 * The governance hook: called inside the transaction that makes the change, after the change is written, so an
 * audit record appended with the same `tx` commits or rolls back with it. If it throws, the change is undone
 * (for an extraction that means the extraction fails and is retried later).
 */
export type OnMemoryChange = (tx: Tx, change: MemoryChange) => Promise<void> | void;

/** Writes the memory_changes row for one memory and tells the hook. */
export async function recordChange(tx: Tx, change: MemoryChange, onChange?: OnMemoryChange): Promise<void> {
  if (change.memoryId && change.op !== 'forget_all') {
    await insertChange(tx, {
      memoryId: change.memoryId,
      op: change.op,
      beforeText: change.beforeText,
      afterText: change.afterText,
      actorUserId: change.actor.type === 'user' ? change.actor.userId : null,
      sourceMessageId: change.actor.type === 'extractor' ? change.actor.messageId : null,
    });
  }
  await onChange?.(tx, change);
}
