import type { Db } from '@/db/client';
import { DomainError } from '@/lib/errors';
import type { Role } from './schemas';
import { setUserRole, type PublicUser } from './users';

/** An admin changes someone else's role. Changing one's own is refused so an installation never loses its admin. */
export async function changeRole(db: Db, actor: PublicUser, targetId: string, role: Role): Promise<PublicUser> {
  if (actor.id === targetId) {
    throw new DomainError('conflict', 'You cannot change your own role', { role: 'cannot_change_self' });
  }
  return setUserRole(db, targetId, role);
}
