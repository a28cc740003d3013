import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/db/client';
import { audit, closeUnfinishedGenerations, completeGeneration, startGeneration } from '@/lib/governance/audit';
import { instanceId } from '@/lib/governance/instance';
import type { GenerationStart } from '@/lib/governance/types';
import { verifyDatabase } from '@/lib/governance/verify';
import { freshDb } from './db';

let db: Db;
beforeEach(async () => {
  db = await freshDb();
});

const ids = { user: randomUUID(), persona: randomUUID(), owner: randomUUID(), chat: randomUUID() };
export function generationInput(over: Partial<GenerationStart> = {}): GenerationStart {
  return {
    actorId: ids.user,
    personaId: ids.persona,
    personaVersion: 3,
    ownerId: ids.owner,
    chatId: ids.chat,
    messageId: randomUUID(),
    model: { provider: 'offline', id: 'offline-1' },
    settings: { temperature: 0.7 },
    prompt: [
      { role: 'system', content: 'You are Mira.' },
      { role: 'user', content: 'Tell me about the harbour' },
    ],
    ...over,
  };
}

/** Drizzle wraps the database's error; what PostgreSQL said is in `cause`. */
async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`,
  );
  if (err === null) throw new Error('expected the statement to be refused');
  return err;
}

async function count(table: string): Promise<number> {
  const [row] = rowsOf<{ n: string | number }>(await db.execute(sql.raw(`select count(*) as n from ${table}`)));
  return Number(row?.n ?? 0);
}

describe('the audit chain', () => {
  it('records a model call as a start and an end record that verify as a chain', async () => {
    const start = await startGeneration(db, generationInput());
    const end = await completeGeneration(db, start, {
      output: 'The harbour is quiet at dawn.',
      finish: 'stop',
      usage: { inputTokens: 12, outputTokens: 7 },
      ttftMs: 40,
    });
    expect(end.seq).toBe(start.seq + 1);
    const [row] = rowsOf<Record<string, unknown>>(
      await db.execute(sql`select kind, persona_version, owner_id, completes_seq, finish, input_tokens, verdict from audit_records where seq = ${end.seq}`),
    );
    expect(row).toMatchObject({ kind: 'generation.end', persona_version: 3, owner_id: ids.owner, finish: 'stop', verdict: 'allow' });
    expect(Number(row!.completes_seq)).toBe(start.seq);
    expect(Number(row!.input_tokens)).toBe(12);
    const result = await verifyDatabase(db);
    expect(result).toMatchObject({ ok: true, checked: 2, lastSeq: 2 });
  });

  it('hashes content in the database exactly as the app does, whatever the characters', async () => {
    const tricky = 'q"uote\\ back\nline\ttab \u0001\u001f\u007f \u2028\u2029 </script> 😀 中文 é';
    const start = await startGeneration(db, generationInput({ prompt: [{ role: 'user', content: tricky }] }));
    await completeGeneration(db, start, { output: tricky, finish: 'stop' });
    expect(await verifyDatabase(db)).toMatchObject({ ok: true, checked: 2 });
    await db.execute(sql`update audit_contents set prompt = null, output = null, search = null, erased_at = now(), erased_reason = 'x' where seq = ${start.seq}`);
    expect(await verifyDatabase(db)).toMatchObject({ ok: true, contentErased: 1 });
  });

  it('commits an event with the caller’s change and rolls it back with it', async () => {
    const personaId = randomUUID();
    await db
      .transaction(async (tx) => {
        await audit(tx, { action: 'persona.version.published', actorId: ids.owner, personaId, data: { personaId, version: 2 } });
        throw new Error('the change failed');
      })
      .catch(() => {});
    expect(await count('audit_records')).toBe(0);
    await db.transaction(async (tx) => {
      await audit(tx, { action: 'persona.version.published', actorId: ids.owner, personaId, data: { personaId, version: 2 } });
    });
    expect(await count('audit_records')).toBe(1);
    expect((await verifyDatabase(db)).ok).toBe(true);
  });

  it('gives 200 concurrent appends from several connections a gap-free chain that verifies', async () => {
    const writers = Array.from({ length: 200 }, (_, i) =>
      i % 2
        ? db.transaction((tx) =>
            audit(tx, { action: 'audit.viewed', actorId: ids.user, data: { seq: i } }),
          )
        : audit(db, { action: 'audit.viewed', actorId: ids.user, data: { seq: i } }),
    );
    const appended = await Promise.all(writers);
    expect(new Set(appended.map((a) => a.seq)).size).toBe(200);
    const seqs = rowsOf<{ seq: string | number }>(await db.execute(sql`select seq from audit_records order by seq`)).map((r) =>
      Number(r.seq),
    );
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(await verifyDatabase(db)).toMatchObject({ ok: true, checked: 200 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on records, and any content change but erasing', async () => {
    const start = await startGeneration(db, generationInput());
    expect(await refusal(db.execute(sql`update audit_records set hash = 'x' where seq = ${start.seq}`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`delete from audit_records where seq = ${start.seq}`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`truncate audit_records cascade`))).toMatch(/append-only|erased/);
    expect(await refusal(db.execute(sql`update audit_contents set output = 'changed' where seq = ${start.seq}`))).toMatch(/only be erased/);
    expect(await refusal(db.execute(sql`delete from audit_contents where seq = ${start.seq}`))).toMatch(/only be erased/);
    await db.execute(
      sql`update audit_contents set prompt = null, output = null, search = null, erased_at = now(), erased_reason = 'test' where seq = ${start.seq}`,
    );
    expect(await verifyDatabase(db)).toMatchObject({ ok: true, contentErased: 1 });
  });

  it('reports tampering done around the triggers: a changed byte, a removed record, a removed tail', async () => {
    for (let i = 0; i < 6; i++) await audit(db, { action: 'audit.viewed', actorId: ids.user, data: { seq: i } });
    const tamper = (statement: ReturnType<typeof sql>) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(statement);
      });
    await tamper(sql`update audit_records set envelope = replace(envelope, '"seq":2}', '"seq":3}') where seq = 3`);
    expect(await verifyDatabase(db)).toMatchObject({ ok: false, break: { seq: 3, reason: 'hash_mismatch' } });
    await tamper(sql`delete from audit_records where seq = 3`);
    expect(await verifyDatabase(db)).toMatchObject({ ok: false, checked: 2, break: { seq: 4, reason: 'seq_gap' } });
    await tamper(sql`delete from audit_records where seq >= 3`);
    expect(await verifyDatabase(db)).toMatchObject({ ok: false, break: { seq: 6, reason: 'head_mismatch' } });
  });

  it('closes calls left open by a process that died, as unfinished, and leaves its own open', async () => {
    const orphan = await startGeneration(db, generationInput());
    const mine = await startGeneration(db, generationInput());
    // The orphan's process is gone: its pending row names an instance nobody holds the lock of.
    await db.execute(sql`update audit_pending set instance_id = ${randomUUID()} where start_id = ${orphan.id}`);
    const closed = await closeUnfinishedGenerations(db);
    expect(closed.map((c) => c.startSeq)).toEqual([orphan.seq]);
    const [end] = rowsOf<{ finish: string }>(
      await db.execute(sql`select finish from audit_records where completes_seq = ${orphan.seq}`),
    );
    expect(end?.finish).toBe('unfinished');
    const pending = rowsOf<{ instance_id: string }>(await db.execute(sql`select instance_id from audit_pending`));
    expect(pending).toEqual([{ instance_id: instanceId() }]);
    await completeGeneration(db, mine, { output: 'done', finish: 'stop' });
    await expect(completeGeneration(db, mine, { output: 'again', finish: 'stop' })).rejects.toMatchObject({ code: 'conflict' });
    expect((await verifyDatabase(db)).ok).toBe(true);
  });
});
