import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { rowsOf, type Db } from '@/db/client';
import { listMemories, setMemoryEnabled } from '@/lib/memory/control';
import type { MemoryChange } from '@/lib/memory/changes';
import { retryFailedExtractions } from '@/lib/memory/retry';
import { extractAfterTurn } from '@/lib/memory/service';
import { freshDb } from './db';
import { changesOf, failingModel, modelReplying, modelReturning, newPersona, newUser, rawMemories, say } from './memory-helpers';

let db: Db;
let pair: { userId: string; personaId: string };
const texts = async () => (await listMemories(db, { ...pair, pageSize: 100 })).items.map((m) => m.text).sort();

beforeEach(async () => {
  db = await freshDb();
  const userId = await newUser(db, 'Ada');
  pair = { userId, personaId: await newPersona(db, userId) };
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('offline extraction against the database', () => {
  it('adds, updates, repeats and deletes, recording each change with the message it came from', async () => {
    const messageId = randomUUID();
    const first = await extractAfterTurn(
      { ...pair, chatId: randomUUID(), messageId, userText: 'My name is Ada and I live in Lisbon. I like jazz.' },
      { db },
    );
    expect(first).toEqual({ status: 'done', applied: { added: 3, updated: 0, deleted: 0, unchanged: 0 }, rejected: 0 });
    expect(await texts()).toEqual(["The user's name is Ada", 'The user likes jazz', 'The user lives in Lisbon'].sort());

    const home = (await listMemories(db, { ...pair, search: 'Lisbon' })).items[0]!;
    expect(home.sourceMessageIds).toEqual([messageId]);

    const moved = await say(db, pair, 'I moved to Porto');
    expect(moved).toMatchObject({ applied: { updated: 1, added: 0 } });
    const updated = (await listMemories(db, { ...pair, search: 'Porto' })).items[0]!;
    expect(updated.id).toBe(home.id);
    expect(updated.text).toBe('The user lives in Porto');
    expect(updated.sourceMessageIds).toHaveLength(2);

    expect(await say(db, pair, 'I live in Porto')).toMatchObject({ applied: { unchanged: 1, added: 0, updated: 0 } });

    expect(await say(db, pair, 'I no longer like jazz')).toMatchObject({ applied: { deleted: 1 } });
    expect(await texts()).toEqual(["The user's name is Ada", 'The user lives in Porto'].sort());

    const history = await changesOf(db, home.id);
    expect(history.map((c) => [c.op, c.actor, c.before_text, c.after_text])).toEqual([
      ['add', 'extractor', null, 'The user lives in Lisbon'],
      ['update', 'extractor', 'The user lives in Lisbon', 'The user lives in Porto'],
    ]);
    expect(history[0]!.source_message_id).toBe(messageId);
  });

  it('does the same in Chinese', async () => {
    await say(db, pair, '我叫艾达，我住在里斯本');
    await say(db, pair, '我住在波尔图');
    await say(db, pair, '我住在波尔图');
    expect(await texts()).toEqual(['用户住在波尔图', '用户叫艾达'].sort());
  });

  it('stores nothing for a fact about someone else, or for a question', async () => {
    const r = await say(db, pair, 'My sister lives in Paris. Where do I live?');
    expect(r).toEqual({ status: 'done', applied: { added: 0, updated: 0, deleted: 0, unchanged: 0 }, rejected: 0 });
    expect(await rawMemories(db, pair.userId)).toEqual([]);
  });

  it('extracts nothing while the user has memory turned off', async () => {
    await setMemoryEnabled(db, { userId: pair.userId, enabled: false });
    expect(await say(db, pair, 'My name is Ada')).toEqual({ status: 'disabled' });
    expect(await say(db, pair, 'x', { model: modelReturning({ operations: [] }) })).toEqual({ status: 'disabled' });
    expect(await rawMemories(db, pair.userId)).toEqual([]);
  });

  it('calls onChange inside the same transaction for every write', async () => {
    const seen: MemoryChange[] = [];
    await say(db, pair, 'I live in Lisbon. I like tea', {
      onChange: async (tx, change) => {
        // The memory is visible to the hook's transaction: an audit row written here commits with it.
        const [row] = rowsOf<{ text: string }>(await tx.execute(sql`select text from memories where id = ${change.memoryId}`));
        expect(row?.text).toBe(change.afterText);
        seen.push(change);
      },
    });
    expect(seen.map((c) => [c.op, c.actor.type, c.afterText])).toEqual([
      ['add', 'extractor', 'The user lives in Lisbon'],
      ['add', 'extractor', 'The user likes tea'],
    ]);
  });

  it('rolls the whole extraction back when the hook fails, and keeps it for retry', async () => {
    const r = await say(db, pair, 'I live in Lisbon. I like tea', {
      onChange: (_tx, change) => {
        if (change.afterText === 'The user likes tea') throw new Error('audit log unavailable');
      },
    });
    expect(r).toMatchObject({ status: 'failed', error: 'Error: audit log unavailable' });
    expect(await rawMemories(db, pair.userId)).toEqual([]);
    const jobs = rowsOf(await db.execute(sql`select 1 from memory_extraction_jobs`));
    expect(jobs).toHaveLength(1);
  });
});

describe('model extraction against the database (mock model, structured output)', () => {
  it('applies ADD / UPDATE / DELETE from the model against the candidates it was shown', async () => {
    await say(db, pair, 'I live in Lisbon. I like jazz');
    // Like a real model, the mock reads the candidates' short ids from the prompt it is given.
    const model = modelReplying((prompt) => {
      const idOf = (text: string) => prompt.match(new RegExp(`(m\\d+): ${text}`))?.[1] ?? null;
      return {
        operations: [
          { op: 'UPDATE', id: idOf('The user lives in Lisbon'), text: 'The user lives in Porto', kind: 'user_fact', importance: 4 },
          { op: 'DELETE', id: idOf('The user likes jazz'), text: null, kind: null, importance: null },
          { op: 'ADD', id: null, text: 'The user has a cat named Miso', kind: 'user_fact', importance: 3 },
          { op: 'NONE', id: null, text: null, kind: null, importance: null },
        ],
      };
    });
    const before = (await listMemories(db, { ...pair, search: 'Lisbon' })).items[0]!;
    const r = await say(db, pair, 'We moved to Porto with our cat Miso, and I am done with jazz', { model });
    expect(r).toEqual({ status: 'done', applied: { added: 1, updated: 1, deleted: 1, unchanged: 1 }, rejected: 0 });
    expect(await texts()).toEqual(['The user has a cat named Miso', 'The user lives in Porto']);
    expect((await listMemories(db, { ...pair, search: 'Porto' })).items[0]!.id).toBe(before.id);
    expect(model.doGenerateCalls[0]!.responseFormat).toMatchObject({ type: 'json' });
  });

  it('rejects operations on ids that were not among the candidates, and changes nothing for them', async () => {
    await say(db, pair, 'I live in Lisbon');
    const model = modelReturning({
      operations: [
        { op: 'DELETE', id: 'm7', text: null, kind: null, importance: null },
        { op: 'UPDATE', id: 'm9', text: 'The user lives on the Moon', kind: null, importance: null },
      ],
    });
    const r = await say(db, pair, 'Forget where I live', { model });
    expect(r).toEqual({ status: 'done', applied: { added: 0, updated: 0, deleted: 0, unchanged: 0 }, rejected: 2 });
    expect(await texts()).toEqual(['The user lives in Lisbon']);
  });

  it('cannot reach another user’s memory even through a candidate-looking id', async () => {
    const other = { userId: await newUser(db, 'Bob'), personaId: pair.personaId };
    await say(db, other, 'I live in Berlin');
    const model = modelReturning({ operations: [{ op: 'DELETE', id: 'm1', text: null, kind: null, importance: null }] });
    // Ada has no memories, so m1 names nothing of hers: the operation is rejected, Bob's memory untouched.
    expect(await say(db, pair, 'delete everything', { model })).toMatchObject({ rejected: 1 });
    expect((await listMemories(db, { ...other })).items.map((m) => m.text)).toEqual(['The user lives in Berlin']);
  });

  it('keeps a failed extraction as a retry job instead of throwing, and a later retry applies it', async () => {
    const messageId = randomUUID();
    const input = { ...pair, chatId: randomUUID(), messageId, userText: 'I live in Lisbon', model: failingModel() };
    const r = await extractAfterTurn(input, { db });
    expect(r).toMatchObject({ status: 'failed' });
    expect(String((r as { error: string }).error)).toContain('provider down');

    const [job] = rowsOf<{ attempts: number; last_error: string; due_later: boolean; user_text: string }>(
      await db.execute(sql`select attempts, last_error, next_attempt_at > now() as due_later, user_text
        from memory_extraction_jobs where message_id = ${messageId}`),
    );
    expect(job).toMatchObject({ attempts: 1, due_later: true, user_text: 'I live in Lisbon' });
    expect(job!.last_error).toContain('provider down');

    // Not due yet: nothing is retried.
    expect(await retryFailedExtractions({ db })).toEqual({ attempted: 0, succeeded: 0, failed: 0, gaveUp: 0 });

    await db.execute(sql`update memory_extraction_jobs set next_attempt_at = now() - interval '1 second'`);
    const stillFailing = await retryFailedExtractions({ db, model: () => failingModel('still down') });
    expect(stillFailing).toEqual({ attempted: 1, succeeded: 0, failed: 1, gaveUp: 0 });
    const [again] = rowsOf<{ attempts: number; last_error: string }>(
      await db.execute(sql`select attempts, last_error from memory_extraction_jobs`),
    );
    expect(again).toMatchObject({ attempts: 2 });
    expect(again!.last_error).toContain('still down');

    await db.execute(sql`update memory_extraction_jobs set next_attempt_at = now() - interval '1 second'`);
    // The offline extractor this time (no model for the persona any more).
    expect(await retryFailedExtractions({ db })).toEqual({ attempted: 1, succeeded: 1, failed: 0, gaveUp: 0 });
    expect(await texts()).toEqual(['The user lives in Lisbon']);
    expect(rowsOf(await db.execute(sql`select 1 from memory_extraction_jobs`))).toHaveLength(0);
    const [memory] = await rawMemories(db, pair.userId);
    expect(memory!.source_message_ids).toEqual([messageId]);
  });

  it('drops pending jobs (and the words they keep) when the user turns memory off', async () => {
    await say(db, pair, 'I live in Lisbon', { model: failingModel() });
    await setMemoryEnabled(db, { userId: pair.userId, enabled: false });
    expect(rowsOf(await db.execute(sql`select 1 from memory_extraction_jobs`))).toHaveLength(0);
  });
});
