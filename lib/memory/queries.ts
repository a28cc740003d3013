import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { memories, memoryChanges, users } from '@/db/schema';
import { matchingSql, planTerms } from './search-queries';
import { searchDocument, searchQuery } from './tokens';
import type { CandidateMemory, MemoryKind } from './types';

/** Every query here is scoped to one (persona, user) pair: no function reads or writes across users. */
export type Pair = { userId: string; personaId: string };

export type Memory = {
  id: string;
  personaId: string;
  kind: MemoryKind;
  text: string;
  importance: number;
  pinned: boolean;
  sourceMessageIds: string[];
  createdAt: Date;
  updatedAt: Date;
};

export const memoryColumns = {
  id: memories.id,
  personaId: memories.personaId,
  kind: memories.kind,
  text: memories.text,
  importance: memories.importance,
  pinned: memories.pinned,
  sourceMessageIds: memories.sourceMessageIds,
  createdAt: memories.createdAt,
  updatedAt: memories.updatedAt,
};

export const livePair = (p: Pair): SQL =>
  and(eq(memories.personaId, p.personaId), eq(memories.userId, p.userId), isNull(memories.deletedAt))!;

export const tokensOf = (text: string): SQL => sql`to_tsvector('simple', ${searchDocument(text)})`;

export async function isMemoryEnabled(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db.select({ on: users.memoryEnabled }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.on === true;
}

/**
 * Serialises writes to one pair's memories for the rest of the transaction, so two turns finishing together do
 * not both add the same fact. The key is the pair hashed inside PostgreSQL, in a namespace of its own.
 */
export async function lockPair(tx: DbOrTx, p: Pair): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(727003, hashtext(${p.personaId} || ':' || ${p.userId}))`);
}

/**
 * The existing memories an extractor should see for a text: the best full-text matches, then the most important
 * others (a changed fact may share no word with the old one: "I moved to Porto" vs "lives in Lisbon").
 */
export async function findSimilarMemories(
  db: DbOrTx,
  p: Pair,
  text: string,
  { matches = 8, important = 4 } = {},
): Promise<CandidateMemory[]> {
  const plan = await planTerms(db, p, text);
  const matched = plan
    ? rowsOf<CandidateMemory & { rank: number }>(
        await db.execute(sql`select id, text, rank from (${matchingSql(p, plan, sql`id, text, updated_at`, matches)}) m
          order by rank desc, updated_at desc limit ${matches}`),
      )
    : [];
  const others = await db
    .select({ id: memories.id, text: memories.text })
    .from(memories)
    .where(livePair(p))
    .orderBy(desc(memories.importance), desc(memories.updatedAt))
    .limit(important + matches);
  const seen = new Set(matched.map((m) => m.id));
  const extra = others.filter((m) => !seen.has(m.id)).slice(0, important);
  return [...matched.map(({ id, text }) => ({ id, text })), ...extra];
}

export type ChangeRow = {
  memoryId: string;
  op: 'add' | 'update' | 'delete' | 'pin' | 'unpin';
  beforeText: string | null;
  afterText: string | null;
  actorUserId: string | null;
  sourceMessageId: string | null;
};

export async function insertChange(tx: DbOrTx, c: ChangeRow): Promise<void> {
  await tx.insert(memoryChanges).values({ ...c, actor: c.actorUserId ? 'user' : 'extractor' });
}

/** The memory, locked for the rest of the transaction, if it is live and belongs to the pair. */
export async function lockMemory(tx: DbOrTx, id: string, owner: { userId: string; personaId?: string }) {
  const [row] = await tx
    .select(memoryColumns)
    .from(memories)
    .where(
      and(
        eq(memories.id, id),
        eq(memories.userId, owner.userId),
        owner.personaId ? eq(memories.personaId, owner.personaId) : undefined,
        isNull(memories.deletedAt),
      ),
    )
    .for('update')
    .limit(1);
  return row as Memory | undefined;
}

/**
 * The memories of a pair for the Memory page: pinned first, then newest first. A search matches the search
 * tokens (whole words, Chinese words included) or, for partial words, the text itself.
 */
export async function selectMemoryPage(
  db: DbOrTx,
  p: Pair,
  opts: { search?: string; offset: number; limit: number },
): Promise<Memory[]> {
  const search = opts.search?.trim();
  const q = search ? searchQuery(search, { match: 'all' }) : null;
  const like = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const matches = search
    ? q
      ? sql`(${memories.searchTokens} @@ to_tsquery('simple', ${q}) or ${memories.text} ilike ${like})`
      : sql`${memories.text} ilike ${like}`
    : undefined;
  const rows = await db
    .select(memoryColumns)
    .from(memories)
    .where(and(livePair(p), matches))
    .orderBy(desc(memories.pinned), desc(memories.updatedAt), desc(memories.id))
    .offset(opts.offset)
    .limit(opts.limit);
  return rows as Memory[];
}
