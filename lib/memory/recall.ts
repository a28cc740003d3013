import { sql } from 'drizzle-orm';
import { getDb, rowsOf, type Db, type DbOrTx } from '@/db/client';
import { isUuid } from '@/lib/auth/users';
import { estimateModelTokens, searchQuery } from './tokens';
import type { MemoryKind } from './types';

/**
 * What goes into the prompt before a reply: the pinned memories, then the others ranked for the recent messages,
 * within a token budget. Nothing when the user has turned memory off.
 *
 * Ranking (a documented heuristic, see rankMemories):
 *   score = 0.6 × relevance + 0.25 × importance + 0.15 × recency, each in 0..1, where
 *   relevance  = ts_rank of the memory's tokens against the recent messages' tokens, divided by the best rank seen;
 *   importance = (importance − 1) / 4;
 *   recency    = 0.5 ^ (days since the memory last changed / 30), a 30-day half-life.
 * Besides full-text matches, the few most important memories (importance ≥ 4: name, home, work…) are candidates
 * with relevance 0, so a persona knows the user's name even when nothing said matches it.
 *
 * Budget: each memory costs estimateModelTokens(text) + 3 (its line in the prompt). Pinned memories go first,
 * by importance then recency; then the rest by score. A memory that does not fit is skipped and smaller ones after
 * it may still fit. At most `maxItems` memories in all.
 */

export type RecalledMemory = {
  id: string;
  text: string;
  kind: MemoryKind;
  importance: number;
  pinned: boolean;
  updatedAt: Date;
  score: number;
  /** Estimated prompt tokens for this memory's line. */
  tokens: number;
};
export type RecallResult = { memories: RecalledMemory[]; tokens: number };

export type RecallInput = {
  userId: string;
  personaId: string;
  /** The last few messages (the user's newest last): what the reply is about. */
  recentText: string;
  tokenBudget: number;
  maxItems?: number;
};

export const LINE_OVERHEAD_TOKENS = 3;
const PINNED_LIMIT = 50;
const MATCH_LIMIT = 40;
const IMPORTANT_LIMIT = 8;
const CORE_IMPORTANCE = 4;
const HALF_LIFE_DAYS = 30;

export type RecallRow = {
  id: string;
  text: string;
  kind: MemoryKind;
  importance: number;
  pinned: boolean;
  updatedAt: Date;
  /** ts_rank against the recent messages; 0 for a memory that is there for being pinned or important. */
  rank: number;
};

export async function recallMemories(input: RecallInput, options: { db?: Db; now?: Date } = {}): Promise<RecallResult> {
  if (!isUuid(input.userId) || !isUuid(input.personaId) || input.tokenBudget <= 0) return { memories: [], tokens: 0 };
  const db = options.db ?? (await getDb());
  const rows = await selectRecallCandidates(db, input);
  return fitToBudget(rankMemories(rows, options.now ?? new Date()), input.tokenBudget, input.maxItems ?? 24);
}

/** One round trip: pinned, full-text matches and the most important others, if the user's memory is on. */
export async function selectRecallCandidates(
  db: DbOrTx,
  p: { userId: string; personaId: string; recentText: string },
): Promise<RecallRow[]> {
  const q = searchQuery(p.recentText);
  const cols = sql`id, text, kind, importance, pinned, updated_at as "updatedAt"`;
  const pair = sql`persona_id = ${p.personaId} and user_id = ${p.userId} and deleted_at is null
    and exists (select 1 from users where id = ${p.userId} and memory_enabled)`;
  const matches = q
    ? sql`union all (
        select ${cols}, ts_rank(search_tokens, query)::float8 as rank
        from memories, to_tsquery('simple', ${q}) as query
        where ${pair} and not pinned and search_tokens @@ query
        order by rank desc, updated_at desc limit ${MATCH_LIMIT})`
    : sql``;
  const rows = rowsOf<RecallRow>(
    await db.execute(sql`
      (select ${cols}, 0::float8 as rank from memories where ${pair} and pinned
       order by importance desc, updated_at desc limit ${PINNED_LIMIT})
      ${matches}
      union all (
        select ${cols}, 0::float8 as rank from memories
        where ${pair} and not pinned and importance >= ${CORE_IMPORTANCE}
        order by importance desc, updated_at desc limit ${IMPORTANT_LIMIT})`),
  );
  return rows.map((r) => ({ ...r, rank: Number(r.rank), importance: Number(r.importance), updatedAt: new Date(r.updatedAt) }));
}

/** Scores the candidates (see the module comment); pinned first, then by score. A memory listed twice counts once. */
export function rankMemories(rows: RecallRow[], now: Date): RecalledMemory[] {
  const best = new Map<string, RecallRow>();
  for (const r of rows) {
    const seen = best.get(r.id);
    if (!seen || r.rank > seen.rank) best.set(r.id, r);
  }
  const topRank = Math.max(0, ...[...best.values()].map((r) => r.rank));
  const scored = [...best.values()].map((r) => {
    const relevance = topRank > 0 ? r.rank / topRank : 0;
    const ageDays = Math.max(0, now.getTime() - r.updatedAt.getTime()) / 86_400_000;
    const recency = 0.5 ** (ageDays / HALF_LIFE_DAYS);
    const score = 0.6 * relevance + 0.25 * ((r.importance - 1) / 4) + 0.15 * recency;
    return {
      id: r.id,
      text: r.text,
      kind: r.kind,
      importance: r.importance,
      pinned: r.pinned,
      updatedAt: r.updatedAt,
      score,
      tokens: estimateModelTokens(r.text) + LINE_OVERHEAD_TOKENS,
    };
  });
  const pinnedOrder = (a: RecalledMemory, b: RecalledMemory) =>
    b.importance - a.importance || b.updatedAt.getTime() - a.updatedAt.getTime();
  return [
    ...scored.filter((m) => m.pinned).sort(pinnedOrder),
    ...scored.filter((m) => !m.pinned).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)),
  ];
}

/** Takes memories in order while they fit the budget, skipping any that would overflow it. */
export function fitToBudget(ranked: RecalledMemory[], tokenBudget: number, maxItems: number): RecallResult {
  const memories: RecalledMemory[] = [];
  let tokens = 0;
  for (const m of ranked) {
    if (memories.length >= maxItems) break;
    if (tokens + m.tokens > tokenBudget) continue;
    memories.push(m);
    tokens += m.tokens;
  }
  return { memories, tokens };
}
