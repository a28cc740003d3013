import { describe, expect, it } from 'vitest';
import { cheapestSplit, type RecallRow } from '@/lib/memory/search-queries';
import { fitToBudget, LINE_OVERHEAD_TOKENS, rankMemories } from '@/lib/memory/recall';

const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const row = (id: string, o: Partial<RecallRow> = {}): RecallRow => ({
  id,
  text: `memory ${id}`,
  kind: 'user_fact',
  importance: 3,
  pinned: false,
  updatedAt: daysAgo(1),
  rank: 0,
  terms: [],
  ...o,
});

describe('recall ranking', () => {
  it('puts pinned memories first (by importance, then recency), whatever their relevance', () => {
    const ranked = rankMemories(
      [
        row('match', { rank: 0.1 }),
        row('pin-old', { pinned: true, importance: 5, updatedAt: daysAgo(300) }),
        row('pin-new', { pinned: true, importance: 2, updatedAt: daysAgo(0) }),
      ],
      now,
    );
    expect(ranked.map((m) => m.id)).toEqual(['pin-old', 'pin-new', 'match']);
  });

  it('orders the rest by relevance first, then importance, then recency', () => {
    const ranked = rankMemories(
      [
        row('core', { importance: 5, updatedAt: daysAgo(400) }),
        row('weak-match', { rank: 0.03, terms: ['x'], updatedAt: daysAgo(400) }),
        row('strong-match', { rank: 0.09, terms: ['x'], updatedAt: daysAgo(400) }),
        row('fresh-match', { rank: 0.03, terms: ['x'], updatedAt: daysAgo(0) }),
      ],
      now,
      { x: 1 },
    );
    expect(ranked.map((m) => m.id)).toEqual(['strong-match', 'fresh-match', 'weak-match', 'core']);
  });

  it('weighs rare words above common ones: ts_rank alone would tie them', () => {
    const ranked = rankMemories(
      [
        row('coffee', { rank: 0.06, terms: ['coffe', 'drink'], updatedAt: daysAgo(0) }),
        row('azores', { rank: 0.06, terms: ['sail', 'azor'], updatedAt: daysAgo(900) }),
      ],
      now,
      { coffe: Math.log(1 + 1500 / 1400), azor: Math.log(1 + 1500 / 1) },
    );
    expect(ranked.map((m) => m.id)).toEqual(['azores', 'coffee']);
  });

  it('lets importance beat recency among equally relevant memories', () => {
    const ranked = rankMemories(
      [row('new-trivia', { rank: 0.05, importance: 1, updatedAt: daysAgo(0) }), row('old-core', { rank: 0.05, importance: 5, updatedAt: daysAgo(200) })],
      now,
    );
    expect(ranked.map((m) => m.id)).toEqual(['old-core', 'new-trivia']);
  });

  it('counts a memory found twice (as a match and as important) once, with its best relevance', () => {
    const ranked = rankMemories(
      [row('a', { importance: 5 }), row('a', { importance: 5, rank: 0.08, terms: ['x'] }), row('b', { rank: 0.04, terms: ['x'] })],
      now,
      { x: 1 },
    );
    expect(ranked.map((m) => m.id)).toEqual(['a', 'b']);
    expect(ranked[0]!.score).toBeGreaterThan(0.8);
  });
});

describe('recall token budget', () => {
  const ranked = rankMemories(
    [
      row('pin', { pinned: true, text: 'The user’s name is Ada' }),
      row('long', { rank: 0.09, text: 'x'.repeat(400) }),
      row('short', { rank: 0.05, text: 'The user likes jazz' }),
      row('zh', { rank: 0.04, text: '用户住在里斯本' }),
    ],
    now,
  );

  it('takes memories in rank order while they fit, skipping one that would overflow', () => {
    const { memories, tokens } = fitToBudget(ranked, 30, 10);
    expect(memories.map((m) => m.id)).toEqual(['pin', 'short', 'zh']);
    expect(tokens).toBe(memories.reduce((n, m) => n + m.tokens, 0));
    expect(tokens).toBeLessThanOrEqual(30);
    expect(memories.find((m) => m.id === 'zh')!.tokens).toBe(7 + LINE_OVERHEAD_TOKENS);
  });

  it('never exceeds the budget or the item cap, even with pinned memories', () => {
    expect(fitToBudget(ranked, 5, 10).memories).toEqual([]);
    expect(fitToBudget(ranked, 1000, 2).memories.map((m) => m.id)).toEqual(['pin', 'long']);
  });
});

describe('recall term split', () => {
  it('ranks every match of rare words and walks newest-first only for very common ones', () => {
    expect(cheapestSplit([3, 10, 40], 100_000)).toBe(3);
    expect(cheapestSplit([20_000, 30_000], 100_000)).toBe(0);
    // A rare word keeps its full ranking even when walking alone would be cheaper: its matches matter most.
    expect(cheapestSplit([5, 30_000], 100_000)).toBe(1);
    expect(cheapestSplit([300, 400, 5_000, 8_000], 100_000)).toBe(2);
  });

  it('ranks everything in a small memory', () => {
    expect(cheapestSplit([40, 60], 200)).toBe(2);
    expect(cheapestSplit([100, 150, 200], 400)).toBe(3);
  });

  it('gives way to speed when many mid-frequency words would mean ranking thousands of rows', () => {
    const dfs = Array.from({ length: 32 }, () => 800);
    const k = cheapestSplit(dfs, 100_000);
    expect(k * 800).toBeLessThanOrEqual(3000);
  });
});
