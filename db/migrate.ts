import path from 'node:path';
import type { Sql } from 'postgres';
import type { Db } from './client';

const migrationsFolder = path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'db/migrations');

// Any constant shared by all instances; it keeps instances that start together from migrating at once.
const MIGRATION_LOCK = 727_001;

export async function migratePglite(db: Db): Promise<void> {
  // One PGlite data dir belongs to one process, so there is nobody to race with.
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  await migrate(db as never, { migrationsFolder });
}

export async function migratePostgres(db: Db, client: Sql): Promise<void> {
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  // A session-level advisory lock on a reserved connection: if this process dies, the connection drops and
  // the lock goes with it.
  const lock = await client.reserve();
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(db, { migrationsFolder });
  } finally {
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    lock.release();
  }
}
