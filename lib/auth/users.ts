import { asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { conflict, notFound } from '@/lib/errors';
import type { Locale, Role } from './schemas';

export type User = typeof users.$inferSelect;
export type PublicUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'locale' | 'memoryEnabled' | 'createdAt'>;

// Serialises "is this the first account?" so that two registrations on an empty database cannot both become admin.
const FIRST_USER_LOCK = 727_002;

export async function createUser(
  db: Db,
  input: { email: string; name: string; passwordHash: string | null; locale?: Locale | null },
): Promise<PublicUser> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_USER_LOCK})`);
    const existing = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
    if (existing.length) throw conflict('An account with this email already exists', { email: 'email_taken' });
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
    const role: Role = n === 0 ? 'admin' : 'member';
    const [row] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash: input.passwordHash, role, locale: input.locale ?? null })
      .returning();
    return toPublic(row!);
  });
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row;
}

export async function getUserById(db: DbOrTx, id: string): Promise<PublicUser | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row && toPublic(row);
}

export async function listUsers(db: DbOrTx): Promise<PublicUser[]> {
  const rows = await db.select().from(users).orderBy(asc(users.createdAt));
  return rows.map(toPublic);
}

export async function setUserRole(db: DbOrTx, id: string, role: Role): Promise<PublicUser> {
  if (!isUuid(id)) throw notFound('User');
  const [row] = await db.update(users).set({ role }).where(eq(users.id, id)).returning();
  if (!row) throw notFound('User');
  return toPublic(row);
}

export async function setUserLocale(db: DbOrTx, id: string, locale: Locale): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, id));
}

export function toPublic(u: User): PublicUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    locale: u.locale,
    memoryEnabled: u.memoryEnabled,
    createdAt: u.createdAt,
  };
}

export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
