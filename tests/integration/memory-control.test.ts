import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { rowsOf, type Db } from '@/db/client';
import type { MemoryChange } from '@/lib/memory/changes';
import {
  deleteMemory,
  editMemory,
  forgetPersonaMemories,
  listMemories,
  setMemoryEnabled,
  setMemoryPinned,
} from '@/lib/memory/control';
import { recallMemories } from '@/lib/memory/recall';
import { freshDb } from './db';
import { changesOf, failingModel, newPersona, newUser, rawMemories, say } from './memory-helpers';

let db: Db;
let ada: { userId: string; personaId: string };
let bob: { userId: string; personaId: string };

beforeEach(async () => {
  db = await freshDb();
  // Two users of the same (public) persona.
  const adaId = await newUser(db, 'Ada');
  const personaId = await newPersona(db, adaId);
  ada = { userId: adaId, personaId };
  bob = { userId: await newUser(db, 'Bob'), personaId };
  vi.spyOn(console, 'error').mockImplementation(() => {});
  await say(db, ada, 'My name is Ada and I live in Lisbon. I like jazz');
  await say(db, bob, 'My name is Bob and I live in Berlin');
});

const recall = (pair: typeof ada, recentText: string) =>
  recallMemories({ ...pair, recentText, tokenBudget: 500 }, { db }).then((r) => r.memories.map((m) => m.text));

describe('isolation between users of the same persona', () => {
  it('lists, searches and recalls only the user’s own memories', async () => {
    expect((await listMemories(db, ada)).items.map((m) => m.text)).not.toContain('The user lives in Berlin');
    expect((await listMemories(db, { ...ada, search: 'Berlin' })).items).toEqual([]);
    expect(await recall(ada, 'Do you remember Berlin? Where do I live?')).toEqual(
      expect.arrayContaining(['The user lives in Lisbon']),
    );
    expect(await recall(ada, 'Berlin Bob')).not.toEqual(expect.arrayContaining(['The user lives in Berlin']));
    expect(await recall(bob, 'where do I live, jazz?')).toEqual(['The user lives in Berlin', "The user's name is Bob"]);
  });

  it('answers "not found" when a user edits, pins or deletes another user’s memory', async () => {
    const bobs = (await listMemories(db, bob)).items[0]!;
    await expect(editMemory(db, { userId: ada.userId, memoryId: bobs.id, text: 'hacked' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(setMemoryPinned(db, { userId: ada.userId, memoryId: bobs.id, pinned: true })).rejects.toMatchObject({ code: 'not_found' });
    await expect(deleteMemory(db, { userId: ada.userId, memoryId: bobs.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(deleteMemory(db, { userId: ada.userId, memoryId: 'not-a-uuid' })).rejects.toMatchObject({ code: 'not_found' });
    expect((await listMemories(db, bob)).items.find((m) => m.id === bobs.id)).toMatchObject({ text: bobs.text, pinned: false });
  });

  it('forgets only the user’s memories of the persona', async () => {
    expect(await forgetPersonaMemories(db, ada)).toEqual({ erased: 3 });
    expect((await listMemories(db, ada)).items).toEqual([]);
    expect((await listMemories(db, bob)).items).toHaveLength(2);
  });
});

describe('the memory switch', () => {
  it('recalls nothing while off, and the memories come back when it is on again', async () => {
    await setMemoryEnabled(db, { userId: ada.userId, enabled: false });
    expect(await recall(ada, 'where do I live?')).toEqual([]);
    expect(await say(db, ada, 'I moved to Porto')).toEqual({ status: 'disabled' });
    await setMemoryEnabled(db, { userId: ada.userId, enabled: true });
    expect(await recall(ada, 'where do I live?')).toContain('The user lives in Lisbon');
    expect(await recall(bob, 'where do I live?')).toContain('The user lives in Berlin');
  });
});

describe('user control of memories', () => {
  it('edits a memory: new text, new search tokens, a history row with the user as actor', async () => {
    const seen: MemoryChange[] = [];
    const home = (await listMemories(db, { ...ada, search: 'Lisbon' })).items[0]!;
    const edited = await editMemory(
      db,
      { userId: ada.userId, memoryId: home.id, text: '  The user lives in Sintra ', importance: 5 },
      { onChange: (_tx, c) => void seen.push(c) },
    );
    expect(edited).toMatchObject({ text: 'The user lives in Sintra', importance: 5 });
    expect((await listMemories(db, { ...ada, search: 'sintra' })).items.map((m) => m.id)).toEqual([home.id]);
    expect((await listMemories(db, { ...ada, search: 'lisbon' })).items).toEqual([]);
    expect((await changesOf(db, home.id)).at(-1)).toMatchObject({
      op: 'update',
      actor: 'user',
      actor_user_id: ada.userId,
      before_text: 'The user lives in Lisbon',
      after_text: 'The user lives in Sintra',
    });
    expect(seen).toMatchObject([{ op: 'update', actor: { type: 'user', userId: ada.userId } }]);
  });

  it('refuses an empty or over-long text', async () => {
    const m = (await listMemories(db, ada)).items[0]!;
    await expect(editMemory(db, { userId: ada.userId, memoryId: m.id, text: '   ' })).rejects.toMatchObject({
      code: 'validation',
      fields: { text: 'required' },
    });
    await expect(editMemory(db, { userId: ada.userId, memoryId: m.id, text: 'x'.repeat(501) })).rejects.toMatchObject({
      fields: { text: 'too_long' },
    });
  });

  it('pins: a pinned memory is listed first and always recalled', async () => {
    const jazz = (await listMemories(db, { ...ada, search: 'jazz' })).items[0]!;
    await setMemoryPinned(db, { userId: ada.userId, memoryId: jazz.id, pinned: true });
    expect((await listMemories(db, ada)).items[0]).toMatchObject({ id: jazz.id, pinned: true });
    expect((await recall(ada, 'hello'))[0]).toBe('The user likes jazz');
    await setMemoryPinned(db, { userId: ada.userId, memoryId: jazz.id, pinned: false });
    expect((await changesOf(db, jazz.id)).map((c) => c.op)).toEqual(['add', 'pin', 'unpin']);
  });

  it('deletes one memory as an erasure: gone from the list and recall, its text gone from the database', async () => {
    const home = (await listMemories(db, { ...ada, search: 'Lisbon' })).items[0]!;
    const seen: MemoryChange[] = [];
    await deleteMemory(db, { userId: ada.userId, memoryId: home.id }, { onChange: (_tx, c) => void seen.push(c) });
    expect(await recall(ada, 'where do I live? Lisbon')).not.toContain('The user lives in Lisbon');
    expect((await rawMemories(db, ada.userId)).find((m) => m.id === home.id)).toMatchObject({ text: '' });
    const history = await changesOf(db, home.id);
    expect(history.map((c) => [c.op, c.actor, c.before_text, c.after_text])).toEqual([
      ['add', 'extractor', null, null],
      ['delete', 'user', null, null],
    ]);
    expect(seen).toMatchObject([{ op: 'delete', memoryId: home.id, beforeText: null }]);
    const terms = rowsOf(await db.execute(sql`select term from memory_terms where user_id = ${ada.userId} and term = 'lisbon'`));
    expect(terms).toEqual([]);
  });

  it('forgets everything for a persona: memories, their words, pending jobs; one event for the hook', async () => {
    await say(db, ada, 'I like tea', { model: failingModel() });
    const seen: MemoryChange[] = [];
    const r = await forgetPersonaMemories(db, ada, { onChange: (_tx, c) => void seen.push(c) });
    expect(r).toEqual({ erased: 3 });
    expect(seen).toEqual([
      expect.objectContaining({ op: 'forget_all', memoryId: null, count: 3, actor: { type: 'user', userId: ada.userId } }),
    ]);
    expect((await rawMemories(db, ada.userId)).map((m) => m.text)).toEqual(['', '', '']);
    expect(rowsOf(await db.execute(sql`select 1 from memory_changes where (before_text is not null or after_text is not null)
      and memory_id in (select id from memories where user_id = ${ada.userId})`))).toEqual([]);
    expect(rowsOf(await db.execute(sql`select 1 from memory_terms where user_id = ${ada.userId}`))).toEqual([]);
    expect(rowsOf(await db.execute(sql`select 1 from memory_extraction_jobs where user_id = ${ada.userId}`))).toEqual([]);
    expect(await recall(ada, 'where do I live')).toEqual([]);
  });

  it('lists page by page, newest first, and finds Chinese words and partial words', async () => {
    await say(db, ada, '我喜欢喝咖啡');
    for (let i = 0; i < 4; i++) await say(db, ada, `I like sport number ${i}`);
    const first = await listMemories(db, { ...ada, pageSize: 3 });
    const second = await listMemories(db, { ...ada, pageSize: 3, page: 2 });
    const third = await listMemories(db, { ...ada, pageSize: 3, page: 3 });
    expect([first.hasMore, second.hasMore, third.hasMore]).toEqual([true, true, false]);
    expect(first.items[0]!.text).toBe('The user likes sport number 3');
    expect(new Set([...first.items, ...second.items, ...third.items].map((m) => m.id)).size).toBe(8);
    expect((await listMemories(db, { ...ada, search: '咖啡' })).items.map((m) => m.text)).toEqual(['用户喜欢喝咖啡']);
    expect((await listMemories(db, { ...ada, search: 'Lisb' })).items.map((m) => m.text)).toEqual(['The user lives in Lisbon']);
    expect((await listMemories(db, { ...ada, search: '100%_' })).items).toEqual([]);
  });
});
