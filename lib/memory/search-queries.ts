import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { memoryTerms } from '@/db/schema';
import type { Pair } from './queries';
import { queryTerms, tsqueryText } from './tokens';
import type { MemoryKind } from './types';

// Full-text search over a pair's memories with bounded work, for recall and for the extractor's candidates.

/**
 * The words of a query split by how many of the pair's memories hold them (memory_terms, kept by triggers).
 * Words no memory holds are dropped. Of the rest, the rarest are "rare": every one of their matches is fetched
 * and ranked. The others are "common": the pair's memories are walked newest first until NEWEST_COMMON_MATCHES of
 * them match, which for a word in 5% of 100k memories means ~240 rows instead of 5,000 (see cheapestSplit for the
 * rule). So no recall touches many rows however large the pair's memory grows. `all` (every word present) is what
 * the rows read are ranked against.
 */
export type TermPlan = {
  all: string;
  rare: string | null;
  common: string | null;
  /** Inverse document frequency of each word present, ln(1 + memories / memories holding it). */
  idf: Record<string, number>;
};
export const NEWEST_COMMON_MATCHES = 12;
// Measured on PGlite: a ranked row (bitmap fetch + ts_rank + sort) costs ~1.5 walked rows (index + fetch + match).
const RARE_ROW_COST = 1.5;

export async function planTerms(db: DbOrTx, p: Pair, text: string): Promise<TermPlan | null> {
  const terms = queryTerms(text);
  if (!terms.length) return null;
  const rows = await db
    .select({ term: memoryTerms.term, df: memoryTerms.df })
    .from(memoryTerms)
    .where(
      and(
        eq(memoryTerms.personaId, p.personaId),
        eq(memoryTerms.userId, p.userId),
        inArray(memoryTerms.term, [...terms, '']),
      ),
    );
  const total = rows.find((r) => r.term === '')?.df ?? 0;
  const stats = rows.filter((r) => r.term !== '' && r.df > 0).sort((a, b) => a.df - b.df || a.term.localeCompare(b.term));
  if (!total || !stats.length) return null;
  const k = cheapestSplit(
    stats.map((s) => s.df),
    total,
  );
  const names = stats.map((s) => s.term);
  const idf = Object.fromEntries(stats.map((s) => [s.term, Math.log(1 + total / s.df)]));
  return { all: tsqueryText(names)!, rare: tsqueryText(names.slice(0, k)), common: tsqueryText(names.slice(k)), idf };
}

/** Ranking every match of words this rare is cheap enough that no word is walked. */
const RANK_ALL_MAX_ROWS = 500;
/** Above this many ranked rows, relevance gives way to speed (see cheapestSplit). */
const MAX_RANKED_ROWS = 3000;

/**
 * How many of the terms (ascending document frequencies `dfs`, of `total` memories) to rank in full.
 * A word is only walked (newest matches only) when ranking it alone would cost more than walking for it alone
 * (df ≥ √(NEWEST_COMMON_MATCHES · total / RARE_ROW_COST)); among those splits, the one with the least estimated
 * work wins — unless it still ranks more than MAX_RANKED_ROWS rows, when the cheapest split of all is taken.
 */
export function cheapestSplit(dfs: number[], total: number): number {
  const sum = dfs.reduce((a, b) => a + b, 0);
  if (sum <= RANK_ALL_MAX_ROWS) return dfs.length;
  const cheapestFrom = (from: number) => {
    let best = { k: dfs.length, cost: Infinity, ranked: sum };
    let ranked = dfs.slice(0, from).reduce((a, b) => a + b, 0);
    for (let k = from; k <= dfs.length; k++) {
      const walked = sum - ranked;
      const walk = walked > 0 ? Math.min(total, (NEWEST_COMMON_MATCHES * total) / walked) : 0;
      const cost = RARE_ROW_COST * ranked + walk;
      if (cost < best.cost) best = { k, cost, ranked };
      ranked += dfs[k] ?? 0;
    }
    return best;
  };
  const threshold = Math.sqrt((NEWEST_COMMON_MATCHES * total) / RARE_ROW_COST);
  const rare = dfs.filter((df) => df < threshold).length;
  const preferred = cheapestFrom(rare);
  return preferred.ranked <= MAX_RANKED_ROWS ? preferred.k : cheapestFrom(0).k;
}

/**
 * The rows matching a term plan, each with its ts_rank against all the terms: every rare match (best `limit`
 * kept) and the newest common matches. `extra` narrows both (e.g. "not pinned").
 */
export function matchingSql(p: Pair, plan: TermPlan, columns: SQL, limit: number, extra: SQL = sql`true`): SQL {
  const rank = sql`ts_rank(search_tokens, to_tsquery('simple', ${plan.all}))::float8`;
  const where = sql`persona_id = ${p.personaId} and user_id = ${p.userId} and deleted_at is null and ${extra}`;
  // The pair compared as text hides the pair's btree indexes on purpose: rare words are found through the GIN
  // index, whatever the statistics say. PGlite never analyzes, and without statistics the planner takes the pair
  // index for a few rows and reads all 100k of them.
  const rareWhere = sql`persona_id::text = ${p.personaId} and user_id::text = ${p.userId} and deleted_at is null and ${extra}`;
  const rare = plan.rare
    ? sql`(select ${columns}, ${rank} as rank from memories
          where ${rareWhere} and search_tokens @@ to_tsquery('simple', ${plan.rare})
          order by rank desc, updated_at desc limit ${limit})`
    : null;
  // "|| ''" hides the GIN index from the planner on purpose: for words this common, walking the pair's memories
  // newest first (btree) finds the few wanted rows sooner than fetching every match and sorting them.
  const common = plan.common
    ? sql`(select ${columns}, ${rank} as rank from memories
          where ${where} and (search_tokens || ''::tsvector) @@ to_tsquery('simple', ${plan.common})
          order by updated_at desc limit ${NEWEST_COMMON_MATCHES})`
    : null;
  return sql.join([rare, common].filter((x): x is SQL => x !== null), sql` union all `);
}

export type RecallRow = {
  id: string;
  text: string;
  kind: MemoryKind;
  importance: number;
  pinned: boolean;
  updatedAt: Date;
  /** ts_rank against the recent messages; 0 for a memory that is there for being pinned or important. */
  rank: number;
  /** The memory's search tokens, to weigh which words of the recent messages it matched. */
  terms: string[];
};
export type RecallCandidates = { rows: RecallRow[]; idf: Record<string, number> };

const PINNED_LIMIT = 50;
const MATCH_LIMIT = 40;
const IMPORTANT_LIMIT = 8;
/** Memories this important (name, home, work…) are recall candidates even when nothing said matches them. */
const CORE_IMPORTANCE = 4;

/** Recall's candidates in one statement: pinned, matches for the text, the most important others — if memory is on. */
export async function selectRecallCandidates(db: DbOrTx, p: Pair, recentText: string): Promise<RecallCandidates> {
  const plan = await planTerms(db, p, recentText);
  const cols = sql`id, text, kind, importance, pinned, updated_at as "updatedAt", search_tokens`;
  const enabled = sql`exists (select 1 from users where id = ${p.userId} and memory_enabled)`;
  const pair = sql`persona_id = ${p.personaId} and user_id = ${p.userId} and deleted_at is null and ${enabled}`;
  const matches = plan ? sql`union all ${matchingSql(p, plan, cols, MATCH_LIMIT, sql`not pinned and ${enabled}`)}` : sql``;
  const rows = rowsOf<RecallRow>(
    // The words of each memory are listed only for the few rows kept, not for every match ranked.
    await db.execute(sql`
      select id, text, kind, importance, pinned, "updatedAt", rank, tsvector_to_array(search_tokens) as terms from (
        (select ${cols}, 0::float8 as rank from memories where ${pair} and pinned
         order by importance desc, updated_at desc limit ${PINNED_LIMIT})
        ${matches}
        union all (
          select ${cols}, 0::float8 as rank from memories
          where ${pair} and not pinned and importance >= ${CORE_IMPORTANCE}
          order by importance desc, updated_at desc limit ${IMPORTANT_LIMIT})
      ) as candidates`),
  );
  return {
    rows: rows.map((r) => ({ ...r, rank: Number(r.rank), importance: Number(r.importance), updatedAt: new Date(r.updatedAt) })),
    idf: plan?.idf ?? {},
  };
}
