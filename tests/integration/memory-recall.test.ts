import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/db/client';
import { memories } from '@/db/schema';
import { deleteMemory, editMemory, forgetPersonaMemories, setMemoryPinned } from '@/lib/memory/control';
import { planTerms } from '@/lib/memory/search-queries';
import { recallMemories } from '@/lib/memory/recall';
import { deleteRollingSummary, getRollingSummary, rollSummary, saveRollingSummary } from '@/lib/memory/summary';
import { searchDocument } from '@/lib/memory/tokens';
import { freshDb } from './db';
import { newPersona, newUser, say } from './memory-helpers';

let db: Db;
let pair: { userId: string; personaId: string };

beforeEach(async () => {
  db = await freshDb();
  const userId = await newUser(db, 'Ada');
  pair = { userId, personaId: await newPersona(db, userId) };
});

const recall = (recentText: string, tokenBudget = 500) =>
  recallMemories({ ...pair, recentText, tokenBudget }, { db }).then((r) => r.memories.map((m) => m.text));

async function insert(texts: string[], o: { daysAgo?: (i: number) => number; importance?: number } = {}) {
  const now = Date.now();
  for (let i = 0; i < texts.length; i += 500) {
    await db.insert(memories).values(
      texts.slice(i, i + 500).map((text, j) => ({
        ...pair,
        text,
        importance: o.importance ?? 2,
        searchTokens: sql`to_tsvector('simple', ${searchDocument(text)})`,
        updatedAt: new Date(now - (o.daysAgo?.(i + j) ?? 0) * 86_400_000),
      })),
    );
  }
}

describe('recall', () => {
  it('brings the remembered fact the question is about, in English and in Chinese', async () => {
    await say(db, pair, 'My name is Ada and I live in Lisbon. I like jazz. I hate cilantro');
    expect((await recall('Where do I live?'))[0]).toBe('The user lives in Lisbon');
    expect((await recall('Do you know any good cilantro recipes?'))[0]).toBe('The user hates cilantro');
    // Said again in Chinese, the facts are updated in place (same slots) and recalled in Chinese.
    await say(db, pair, '我叫艾达，我住在里斯本');
    expect((await recall('我住在哪里？'))[0]).toBe('用户住在里斯本');
    expect(await recall('我叫什么名字？')).toContain('用户叫艾达');
  });

  it('puts pinned memories first, then the relevant ones, and always knows the core facts', async () => {
    await say(db, pair, 'My name is Ada. I like jazz. I like tea. I hate cilantro');
    const { items } = await import('@/lib/memory/control').then((m) => m.listMemories(db, { ...pair, search: 'tea' }));
    await setMemoryPinned(db, { userId: pair.userId, memoryId: items[0]!.id, pinned: true });
    const got = await recall('any jazz concerts this week?');
    expect(got[0]).toBe('The user likes tea');
    expect(got[1]).toBe('The user likes jazz');
    expect(got).toContain("The user's name is Ada");
    expect(got).not.toContain('The user hates cilantro');
  });

  it('stays within the token budget', async () => {
    await say(db, pair, 'My name is Ada. I live in Lisbon. I like jazz');
    const result = await recallMemories({ ...pair, recentText: 'where do I live? jazz?', tokenBudget: 20 }, { db });
    expect(result.tokens).toBeLessThanOrEqual(20);
    expect(result.memories.length).toBeGreaterThan(0);
    expect(result.memories.length).toBeLessThan(3);
    expect((await recallMemories({ ...pair, recentText: 'x', tokenBudget: 0 }, { db })).memories).toEqual([]);
  });

  it('finds rare words among thousands of memories and the newest matches of a word most memories share', async () => {
    await insert(
      Array.from({ length: 1500 }, (_, i) => `The user had coffee number ${i}`),
      { daysAgo: (i) => 1500 - i },
    );
    await insert(['The user once sailed to the Azores'], { daysAgo: () => 900 });
    const plan = await planTerms(db, pair, 'coffee and the Azores?');
    expect(plan).toMatchObject({ rare: 'azor', common: 'coffe' });
    const got = await recall('coffee and the Azores?');
    expect(got[0]).toBe('The user once sailed to the Azores');
    // The newest coffees (number 1499 was stored last) rather than an arbitrary 40 of 1500.
    expect(got.slice(1, 4)).toEqual([
      'The user had coffee number 1499',
      'The user had coffee number 1498',
      'The user had coffee number 1497',
    ]);
  });

  it('keeps the per-word counts exact through inserts, edits, deletions and erasure', async () => {
    await say(db, pair, 'I like jazz. I like tea. I live in Lisbon');
    await say(db, pair, 'I moved to Porto. I no longer like tea');
    const [m] = (await import('@/lib/memory/control').then((x) => x.listMemories(db, { ...pair, search: 'jazz' }))).items;
    await editMemory(db, { userId: pair.userId, memoryId: m!.id, text: 'The user likes blues and jazz' });
    const counted = async () =>
      rowsOf<{ term: string; df: number }>(
        await db.execute(sql`select term, df from memory_terms where user_id = ${pair.userId} order by term`),
      );
    const actual = async () =>
      rowsOf<{ term: string; df: number }>(
        await db.execute(sql`
          select term, count(*)::int as df from memories, unnest(array_append(tsvector_to_array(search_tokens), '')) term
          where user_id = ${pair.userId} and deleted_at is null group by term order by term`),
      );
    expect(await counted()).toEqual(await actual());
    expect(await counted()).toEqual(
      expect.arrayContaining([{ term: '', df: 2 }, { term: 'like', df: 1 }, { term: 'porto', df: 1 }]),
    );
    await deleteMemory(db, { userId: pair.userId, memoryId: m!.id });
    expect(await counted()).toEqual(await actual());
    await forgetPersonaMemories(db, pair);
    expect(await counted()).toEqual([]);
    // Deleting an account cascades to its memories, and the counts follow.
    const bob = { userId: await newUser(db, 'Bob'), personaId: pair.personaId };
    await say(db, bob, 'I like jazz');
    const bobsCounts = () => db.execute(sql`select 1 from memory_terms where user_id = ${bob.userId}`).then((r) => rowsOf(r));
    expect(await bobsCounts()).not.toEqual([]);
    await db.execute(sql`delete from users where id = ${bob.userId}`);
    expect(await bobsCounts()).toEqual([]);
  });
});

describe('rolling summary storage', () => {
  it('stores, replaces and deletes a chat’s summary', async () => {
    const chatId = randomUUID();
    expect(await getRollingSummary(db, chatId)).toBeNull();
    const first = rollSummary(null, [{ role: 'user', text: 'I moved to Porto. It rains.' }]);
    await saveRollingSummary(db, { chatId, summary: first, throughMessageId: randomUUID(), coveredCount: 1 });
    const through = randomUUID();
    const next = rollSummary(first, [{ role: 'assistant', text: 'Porto is lovely.' }]);
    await saveRollingSummary(db, { chatId, summary: next, throughMessageId: through, coveredCount: 2 });
    expect(await getRollingSummary(db, chatId)).toEqual({
      chatId,
      summary: 'User: I moved to Porto.\nPersona: Porto is lovely.',
      throughMessageId: through,
      coveredCount: 2,
    });
    await deleteRollingSummary(db, chatId);
    expect(await getRollingSummary(db, chatId)).toBeNull();
  });
});
