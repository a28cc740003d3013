import { cache } from 'react';
import { getDb } from '@/db/client';
import { DomainError } from '@/lib/errors';
import { auth } from './auth';
import { getUserById, type PublicUser } from './users';

/**
 * The signed-in user as the database has it now (not as the cookie remembers it), once per request.
 * Returns null for no session, or for a session whose user no longer exists.
 */
export const getCurrentUser = cache(async (): Promise<PublicUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDb();
  return (await getUserById(db, id)) ?? null;
});

export async function requireUser(): Promise<PublicUser> {
  const user = await getCurrentUser();
  if (!user) throw new DomainError('unauthenticated', 'Sign in to continue');
  return user;
}
