import { sql } from 'drizzle-orm';
import { getDb, rowsOf, type Db } from '@/db/client';

/**
 * The migrated test database with every application table emptied. Triggers are bypassed for the truncate
 * (session_replication_role = replica), since append-only tables refuse to be emptied otherwise.
 */
export async function freshDb(): Promise<Db> {
  const db = await getDb();
  const tables = rowsOf<{ tablename: string }>(
    await db.execute(sql`select tablename from pg_tables where schemaname = 'public'`),
  ).map((r) => `"${r.tablename}"`);
  if (tables.length) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql.raw(`truncate ${tables.join(', ')} restart identity cascade`));
    });
  }
  return db;
}

let counter = 0;
/** A unique email per call, so tests never trip over each other's accounts. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${process.pid}-${Date.now()}-${counter++}@example.test`;
}
