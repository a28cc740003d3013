import { getDb, type Db } from '@/db/client';
import { isUuid } from '@/lib/auth/users';
import { selectRecallCandidates, type RecallRow } from './search-queries';
import { estimateTokens } from '@/lib/ai/tokens';
import type { MemoryKind } from './types';

/**
 * What goes into the prompt before a reply: the pinned memories, then the others ranked for the recent messages,
 * within a token budget. Nothing when the user has turned memory off.
 *
 * Candidates come in one round trip after a look at the pair's term counts (planTerms in search-queries.ts):
 * pinned memories, full-text matches for the recent messages, and the most important others.
 *
 * Ranking (a documented heuristic, see rankMemories):
 *   score = 0.6 × relevance + 0.25 × importance + 0.15 × recency, each in 0..1, where
 *   relevance  = ½ × ts_rank / best ts_rank seen  +  ½ × weight / best weight seen, with ts_rank of the memory's
 *                tokens against the recent messages' tokens, and weight = Σ idf of the words it matched
 *                (idf = ln(1 + memories / memories holding the word)): ts_rank knows nothing of how common a word
 *                is, so without the weight a memory matching "coffee" would tie with one matching "Azores";
 *   importance = (importance − 1) / 4;
 *   recency    = 0.5 ^ (days since the memory last changed / 30), a 30-day half-life.
 * Besides full-text matches, the few most important memories (importance ≥ 4: name, home, work…) are candidates
 * with relevance 0, so a persona knows the user's name even when nothing said matches it.
 *
 * Budget: each memory costs estimateTokens(text) + 3 (its line in the prompt), the estimate prompt assembly uses. Pinned memories go first,
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
const HALF_LIFE_DAYS = 30;

export async function recallMemories(input: RecallInput, options: { db?: Db; now?: Date } = {}): Promise<RecallResult> {
  if (!isUuid(input.userId) || !isUuid(input.personaId) || input.tokenBudget <= 0) return { memories: [], tokens: 0 };
  const db = options.db ?? (await getDb());
  const { rows, idf } = await selectRecallCandidates(db, input, input.recentText);
  return fitToBudget(rankMemories(rows, options.now ?? new Date(), idf), input.tokenBudget, input.maxItems ?? 24);
}

/** Scores the candidates (see the module comment); pinned first, then by score. A memory listed twice counts once. */
export function rankMemories(rows: RecallRow[], now: Date, idf: Record<string, number> = {}): RecalledMemory[] {
  const best = new Map<string, RecallRow>();
  for (const r of rows) {
    const seen = best.get(r.id);
    if (!seen || r.rank > seen.rank) best.set(r.id, r);
  }
  // A memory that is a candidate only for being pinned or important matched nothing (rank 0): weight 0 too.
  const weight = (r: RecallRow) => (r.rank > 0 ? r.terms.reduce((w, t) => w + (idf[t] ?? 0), 0) : 0);
  const topRank = Math.max(0, ...[...best.values()].map((r) => r.rank));
  const topWeight = Math.max(0, ...[...best.values()].map(weight));
  const scored = [...best.values()].map((r) => {
    const relevance = (topRank > 0 ? r.rank / topRank : 0) / 2 + (topWeight > 0 ? weight(r) / topWeight : 0) / 2;
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
      tokens: estimateTokens(r.text) + LINE_OVERHEAD_TOKENS,
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
