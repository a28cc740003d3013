import type { Tx } from '@/db/client';
import type { MemoryChange } from '@/lib/memory';
import { audit } from './audit';

/**
 * Records a memory write, edit or deletion in the audit log, in the transaction that makes it (memory's onChange
 * hook). Only ids go into the immutable record; the memory text stays erasable.
 */
export async function auditMemoryChange(tx: Tx, change: MemoryChange): Promise<void> {
  const action =
    change.op === 'add' ? 'memory.written' : change.op === 'delete' || change.op === 'forget_all' ? 'memory.deleted' : 'memory.edited';
  await audit(tx, {
    action,
    actorId: change.actor.type === 'user' ? change.actor.userId : null,
    personaId: change.personaId,
    chatId: change.actor.type === 'extractor' ? change.actor.chatId : undefined,
    data: { memoryId: change.memoryId ?? `all:${change.count}`, subjectUserId: change.userId },
  });
}
