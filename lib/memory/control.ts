import { and, eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '@/db/client';
import { memories, memoryChanges, users } from '@/db/schema';
import { isUuid } from '@/lib/auth/users';
import { notFound, validationError } from '@/lib/errors';
import { recordChange, type OnMemoryChange } from './changes';
import { deleteJobsOf } from './job-queries';
import { lockMemory, selectMemoryPage, tokensOf, type Memory } from './queries';
import { clampImportance } from './service';
import { cleanMemoryText, MEMORY_TEXT_MAX, type MemoryKind } from './types';

/**
 * What a user can do with what personas remember about them. Every function takes the acting user's id and
 * touches only that user's memories: another user's memory id answers "not found", exactly like a missing one,
 * even for the same persona. Every write records a memory_changes row with the user as actor and calls `onChange`.
 */
type Hook = { onChange?: OnMemoryChange };

export type MemoryPage = { items: Memory[]; page: number; pageSize: number; hasMore: boolean };

export async function listMemories(
  db: Db,
  input: { userId: string; personaId: string; search?: string; page?: number; pageSize?: number },
): Promise<MemoryPage> {
  const pageSize = Math.min(100, Math.max(1, input.pageSize ?? 20));
  const page = Math.max(1, Math.floor(input.page ?? 1));
  if (!isUuid(input.personaId)) return { items: [], page, pageSize, hasMore: false };
  const rows = await selectMemoryPage(db, input, {
    search: input.search?.slice(0, 200),
    offset: (page - 1) * pageSize,
    limit: pageSize + 1,
  });
  return { items: rows.slice(0, pageSize), page, pageSize, hasMore: rows.length > pageSize };
}

async function withOwnMemory<T>(
  db: Db,
  userId: string,
  memoryId: string,
  fn: (tx: Tx, memory: Memory) => Promise<T>,
): Promise<T> {
  if (!isUuid(memoryId)) throw notFound('Memory');
  return db.transaction(async (tx) => {
    const memory = await lockMemory(tx, memoryId, { userId });
    if (!memory) throw notFound('Memory');
    return fn(tx, memory);
  });
}

export async function editMemory(
  db: Db,
  input: { userId: string; memoryId: string; text: string; kind?: MemoryKind; importance?: number },
  { onChange }: Hook = {},
): Promise<Memory> {
  const text = cleanMemoryText(input.text);
  if (!text) throw validationError('Memory text is empty', { text: 'required' });
  if (input.text.trim().length > MEMORY_TEXT_MAX) throw validationError('Memory text is too long', { text: 'too_long' });
  return withOwnMemory(db, input.userId, input.memoryId, async (tx, before) => {
    const [row] = await tx
      .update(memories)
      .set({
        text,
        searchTokens: tokensOf(text),
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.importance ? { importance: clampImportance(input.importance) } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(memories.id, before.id))
      .returning();
    await recordChange(
      tx,
      { ...changeBase(before, input.userId), op: 'update', beforeText: before.text, afterText: text },
      onChange,
    );
    return toMemory(row!);
  });
}

export async function setMemoryPinned(
  db: Db,
  input: { userId: string; memoryId: string; pinned: boolean },
  { onChange }: Hook = {},
): Promise<Memory> {
  return withOwnMemory(db, input.userId, input.memoryId, async (tx, before) => {
    if (before.pinned === input.pinned) return before;
    // Pinning is not an edit: updated_at (recency in recall) stays as it was.
    const [row] = await tx.update(memories).set({ pinned: input.pinned }).where(eq(memories.id, before.id)).returning();
    await recordChange(
      tx,
      { ...changeBase(before, input.userId), op: input.pinned ? 'pin' : 'unpin', beforeText: null, afterText: null },
      onChange,
    );
    return toMemory(row!);
  });
}

/** Erases one memory: its text goes, from the memory and from its history; a tombstone records who and when. */
export async function deleteMemory(
  db: Db,
  input: { userId: string; memoryId: string },
  { onChange }: Hook = {},
): Promise<void> {
  await withOwnMemory(db, input.userId, input.memoryId, async (tx, before) => {
    await erase(tx, eq(memories.id, before.id));
    await recordChange(tx, { ...changeBase(before, input.userId), op: 'delete', beforeText: null, afterText: null }, onChange);
  });
}

/**
 * "Forget everything" for one persona: erases all the user's memories of it (the extractor's tombstones too) and
 * any pending extraction jobs. One memory_changes row per memory erased; one `forget_all` event for the hook.
 */
export async function forgetPersonaMemories(
  db: Db,
  input: { userId: string; personaId: string },
  { onChange }: Hook = {},
): Promise<{ erased: number }> {
  if (!isUuid(input.personaId)) return { erased: 0 };
  const owned = and(eq(memories.userId, input.userId), eq(memories.personaId, input.personaId))!;
  return db.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(
      await tx.execute(sql`
        with logged as (
          insert into memory_changes (memory_id, op, actor, actor_user_id)
          select id, 'delete', 'user', ${input.userId} from memories where ${owned} and deleted_at is null
          returning 1)
        select count(*)::int as n from logged`),
    );
    await erase(tx, owned);
    await deleteJobsOf(tx, input.userId, input.personaId);
    await onChange?.(tx, {
      op: 'forget_all',
      memoryId: null,
      personaId: input.personaId,
      userId: input.userId,
      beforeText: null,
      afterText: null,
      count: n,
      actor: { type: 'user', userId: input.userId },
    });
    return { erased: n };
  });
}

/**
 * "Delete my data", in the caller's transaction: everything every persona remembers about the user is erased as
 * "forget everything" erases it (one `forget_all` event per persona), with the pending extraction jobs (they hold
 * the user's words) and the rolling summaries of the user's chats.
 */
export async function eraseAllMemoriesOf(tx: Tx, userId: string, { onChange }: Hook = {}): Promise<{ erased: number }> {
  const perPersona = rowsOf<{ persona_id: string; n: number }>(
    await tx.execute(sql`
      with logged as (
        insert into memory_changes (memory_id, op, actor, actor_user_id)
        select id, 'delete', 'user', ${userId} from memories where user_id = ${userId} and deleted_at is null
        returning memory_id)
      select m.persona_id, count(*)::int as n from logged l join memories m on m.id = l.memory_id group by m.persona_id`),
  );
  await erase(tx, eq(memories.userId, userId));
  await deleteJobsOf(tx, userId);
  await tx.execute(sql`delete from rolling_summaries where chat_id in (select id from chats where user_id = ${userId})`);
  for (const { persona_id: personaId, n } of perPersona) {
    await onChange?.(tx, {
      op: 'forget_all',
      memoryId: null,
      personaId,
      userId,
      beforeText: null,
      afterText: null,
      count: Number(n),
      actor: { type: 'user', userId },
    });
  }
  return { erased: perPersona.reduce((sum, p) => sum + Number(p.n), 0) };
}

/** The per-user switch. Turning memory off also drops pending extraction jobs (they hold the user's words). */
export async function setMemoryEnabled(db: Db, input: { userId: string; enabled: boolean }): Promise<void> {
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ memoryEnabled: input.enabled })
      .where(eq(users.id, input.userId))
      .returning({ id: users.id });
    if (!updated.length) throw notFound('User');
    if (!input.enabled) await deleteJobsOf(tx, input.userId);
  });
}

/** Empties the text of the matching memories (tombstoning live ones) and of their history. */
async function erase(tx: Tx, where: SQL): Promise<void> {
  await tx
    .update(memoryChanges)
    .set({ beforeText: null, afterText: null })
    .where(sql`${memoryChanges.memoryId} in (select ${memories.id} from ${memories} where ${where})
      and (${memoryChanges.beforeText} is not null or ${memoryChanges.afterText} is not null)`);
  await tx
    .update(memories)
    .set({
      text: '',
      searchTokens: sql`''::tsvector`,
      deletedAt: sql`coalesce(${memories.deletedAt}, now())`,
      updatedAt: sql`now()`,
    })
    .where(and(where, sql`${memories.text} <> ''`));
}

function changeBase(m: Memory, userId: string) {
  return { memoryId: m.id, personaId: m.personaId, userId, count: 1, actor: { type: 'user' as const, userId } };
}

function toMemory(row: typeof memories.$inferSelect): Memory {
  const { id, personaId, kind, text, importance, pinned, sourceMessageIds, createdAt, updatedAt } = row;
  return { id, personaId, kind, text, importance, pinned, sourceMessageIds, createdAt, updatedAt };
}
