import type { Db } from '@/db/client';
import { DomainError } from '@/lib/errors';
import type { Role } from './schemas';
import { audit } from '@/lib/governance/audit';
import { getUserById, setUserRole, type PublicUser } from './users';

/** An admin changes someone else's role. Changing one's own is refused so an installation never loses its admin. */
export async function changeRole(db: Db, actor: PublicUser, targetId: string, role: Role): Promise<PublicUser> {
  if (actor.id === targetId) {
    throw new DomainError('conflict', 'You cannot change your own role', { role: 'cannot_change_self' });
  }
  return db.transaction(async (tx) => {
    const before = await getUserById(tx, targetId);
    const updated = await setUserRole(tx, targetId, role);
    await audit(tx, {
      action: 'user.role.changed',
      actorId: actor.id,
      data: { userId: targetId, from: before?.role ?? 'unknown', to: role },
    });
    return updated;
  });
}
