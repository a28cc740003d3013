import { engineName, type Db } from '@/db/client';
import { closeOrphanedStreamingMessages } from './queries';

/**
 * Replies left `streaming` by a process that died are closed as `interrupted` when an instance starts. PGlite has
 * one process, so everything still streaming is orphaned; on PostgreSQL other instances may be mid-reply, so only
 * replies quiet for longer than any live one can be (progress is saved every second; the first token may take
 * up to the first-token timeout).
 */
export async function closeOrphanedReplies(db: Db): Promise<number> {
  const quietMs = engineName() === 'pglite' ? 0 : Number(process.env.CHAT_FIRST_TOKEN_TIMEOUT_MS ?? 60_000) + 30_000;
  const closed = await closeOrphanedStreamingMessages(db, new Date(Date.now() - quietMs));
  return closed.length;
}
