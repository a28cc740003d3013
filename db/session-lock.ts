import type { Sql } from 'postgres';
import { beforeDbClose, engineName, type Db } from './client';

/**
 * Holds a session-level advisory lock for as long as this process lives, on a connection of its own, so other
 * processes can tell whether it is still alive (`pg_try_advisory_xact_lock` on the same key fails while it holds it).
 * The lock goes when the process or its connection dies. PGlite: one process per data dir, nothing to signal.
 */
export async function holdProcessLock(db: Db, namespace: number, key: number): Promise<void> {
  if (engineName() !== 'postgres') return;
  const client = (db as unknown as { $client: Sql }).$client;
  const conn = await client.reserve();
  await conn`select pg_advisory_lock(${namespace}::int, ${key}::int)`;
  beforeDbClose(async () => {
    await conn`select pg_advisory_unlock(${namespace}::int, ${key}::int)`;
    conn.release();
  });
}
