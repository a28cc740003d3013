import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { chats, personas, personaVersions } from '@/db/schema';

export type ChatListItem = {
  id: string;
  title: string;
  updatedAt: Date;
  personaId: string;
  personaName: string;
  avatarAssetId: string | null;
};

/** The user's chats with the persona's current name and avatar, newest activity first. */
export async function listChatsWithPersona(db: DbOrTx, userId: string, limit = 100): Promise<ChatListItem[]> {
  const rows = await db
    .select({
      id: chats.id,
      title: chats.title,
      updatedAt: chats.updatedAt,
      personaId: chats.personaId,
      profile: personaVersions.profile,
      avatarAssetId: personaVersions.avatarAssetId,
    })
    .from(chats)
    .innerJoin(personas, eq(personas.id, chats.personaId))
    .innerJoin(
      personaVersions,
      and(eq(personaVersions.personaId, personas.id), eq(personaVersions.version, personas.currentVersion)),
    )
    .where(and(eq(chats.userId, userId), isNull(chats.deletedAt)))
    .orderBy(desc(chats.updatedAt))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    updatedAt: r.updatedAt,
    personaId: r.personaId,
    personaName: (r.profile as { name?: string }).name ?? '',
    avatarAssetId: r.avatarAssetId,
  }));
}
