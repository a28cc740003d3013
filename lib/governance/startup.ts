import type { Db } from '@/db/client';
import { closeUnfinishedGenerations, type ClosedGeneration } from './audit';
import { registerInstance } from './instance';
import { purgeExpiredContent } from './retention';

const PURGE_EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * Runs once when the server starts: marks this process alive, closes the model calls that dead processes left
 * open, and schedules the retention purge. Returns the closed calls so the chat can mark their messages interrupted.
 */
export async function governanceStartup(db: Db): Promise<ClosedGeneration[]> {
  await registerInstance();
  const closed = await closeUnfinishedGenerations(db);
  const purge = () =>
    purgeExpiredContent(db).catch((err) => console.error('retention purge failed:', err instanceof Error ? err.message : err));
  void purge();
  setInterval(purge, PURGE_EVERY_MS).unref();
  return closed;
}
