import { and, desc, eq, gt, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { chats, memories, personas, personaVersions } from '@/db/schema';
import { isUuid } from '@/lib/auth/users';
import { notFound } from '@/lib/errors';

/** A persona as the Memory pages show it: its current name and avatar. */
export type MemoryPersonaRef = {
  personaId: string;
  name: string;
  avatarAssetId: string | null;
  /** The persona was deleted by its owner: no new chats, but the user's memories of it stay until forgotten. */
  deleted: boolean;
};

/** ... with what this user shares with it, for the overview. */
export type MemoryPersona = MemoryPersonaRef & { memoryCount: number; chatCount: number };

// Enough for any real user; the page says nothing about more, and each persona's own page is not capped.
const OVERVIEW_LIMIT = 200;

const currentVersion = and(
  eq(personaVersions.personaId, personas.id),
  eq(personaVersions.version, personas.currentVersion),
);

function countsFor(db: DbOrTx, userId: string) {
  const m = db
    .select({
      personaId: memories.personaId,
      memoryCount: sql<number>`(count(*) filter (where ${memories.deletedAt} is null))::int`.as('memory_count'),
      lastMemoryAt: sql<string>`max(${memories.updatedAt}) filter (where ${memories.deletedAt} is null)`.as('last_memory_at'),
    })
    .from(memories)
    .where(eq(memories.userId, userId))
    .groupBy(memories.personaId)
    .as('m');
  const c = db
    .select({
      personaId: chats.personaId,
      chatCount: sql<number>`count(*)::int`.as('chat_count'),
      lastChatAt: sql<string>`max(${chats.updatedAt})`.as('last_chat_at'),
    })
    .from(chats)
    .where(and(eq(chats.userId, userId), isNull(chats.deletedAt)))
    .groupBy(chats.personaId)
    .as('c');
  return { m, c };
}

/**
 * The personas `userId` has live memories with or open chats with, with both counts, most recent activity first.
 * Personas the owner deleted or made private stay listed: the user's memories of them are still theirs to erase.
 */
export async function listMemoryPersonas(db: DbOrTx, userId: string): Promise<MemoryPersona[]> {
  const { m, c } = countsFor(db, userId);
  const rows = await db
    .select({
      personaId: personas.id,
      profile: personaVersions.profile,
      avatarAssetId: personaVersions.avatarAssetId,
      deletedAt: personas.deletedAt,
      memoryCount: m.memoryCount,
      chatCount: c.chatCount,
    })
    .from(personas)
    .innerJoin(personaVersions, currentVersion)
    .leftJoin(m, eq(m.personaId, personas.id))
    .leftJoin(c, eq(c.personaId, personas.id))
    .where(or(gt(m.memoryCount, 0), isNotNull(c.personaId)))
    .orderBy(desc(sql`greatest(${m.lastMemoryAt}, ${c.lastChatAt})`), personas.id)
    .limit(OVERVIEW_LIMIT);
  return rows.map((r) => ({
    personaId: r.personaId,
    name: (r.profile as { name?: string }).name ?? '',
    avatarAssetId: r.avatarAssetId,
    deleted: r.deletedAt !== null,
    memoryCount: r.memoryCount ?? 0,
    chatCount: r.chatCount ?? 0,
  }));
}

/**
 * The persona for its Memory page, if `userId` may see it now or has memories or chats with it (so a persona
 * deleted or made private since still lets the user see and erase what it remembers). Otherwise `not_found`,
 * exactly like an unknown id. Runs on every list and search request: existence checks on the pair's indexes only.
 */
export async function getMemoryPersonaOrThrow(db: DbOrTx, userId: string, personaId: string): Promise<MemoryPersonaRef> {
  if (!isUuid(personaId)) throw notFound('Persona');
  const [row] = await db
    .select({
      personaId: personas.id,
      profile: personaVersions.profile,
      avatarAssetId: personaVersions.avatarAssetId,
      deletedAt: personas.deletedAt,
      reachable: sql<boolean>`(${personas.deletedAt} is null and (${personas.ownerId} = ${userId}
          or ${inArray(personas.visibility, ['public', 'unlisted'])}))
        or exists (select 1 from ${memories} where ${memories.personaId} = ${personas.id}
          and ${memories.userId} = ${userId} and ${memories.deletedAt} is null)
        or exists (select 1 from ${chats} where ${chats.userId} = ${userId}
          and ${chats.personaId} = ${personas.id} and ${chats.deletedAt} is null)`,
    })
    .from(personas)
    .innerJoin(personaVersions, currentVersion)
    .where(eq(personas.id, personaId))
    .limit(1);
  if (!row?.reachable) throw notFound('Persona');
  return {
    personaId: row.personaId,
    name: (row.profile as { name?: string }).name ?? '',
    avatarAssetId: row.avatarAssetId,
    deleted: row.deletedAt !== null,
  };
}
