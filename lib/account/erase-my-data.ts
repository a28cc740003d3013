import type { Db } from '@/db/client';
import { eraseChatContentOf } from '@/lib/chat/erase';
import { eraseUserContentIn } from '@/lib/governance';
import { auditMemoryChange } from '@/lib/governance/memory-events';
import { eraseAllMemoriesOf } from '@/lib/memory';

export type ErasureReport = { chats: number; messages: number; memories: number; auditContents: number };

/**
 * "Delete my data": the user's message content, everywhere it is kept — chat messages and titles, what personas
 * remember about them (with the extraction queue and chat summaries), and the prompt and reply text of their audit
 * records — in one transaction, so it all goes or none of it does. What stays: the account, the chats' shape (ids,
 * statuses, times) and every audit record with its hashes, so the chain still verifies (as "content erased"), and
 * the erasure itself is on record (`user.content.erased`, `memory.deleted`). The bulk updates run before the first
 * audit append, because from that append until commit the chain's head is locked for every other writer.
 */
export async function eraseMyData(db: Db, userId: string): Promise<ErasureReport> {
  return db.transaction(async (tx) => {
    const chat = await eraseChatContentOf(tx, userId);
    const audit = await eraseUserContentIn(tx, userId);
    const memory = await eraseAllMemoriesOf(tx, userId, { onChange: auditMemoryChange });
    return { chats: chat.chats, messages: chat.messages, memories: memory.erased, auditContents: audit.erased };
  });
}
