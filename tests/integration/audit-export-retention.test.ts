import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/db/client';
import { completeGeneration, startGeneration } from '@/lib/governance/audit';
import { exportAudit } from '@/lib/governance/export';
import { eraseUserContent, getRetentionDays, purgeExpiredContent, setRetentionDays } from '@/lib/governance/retention';
import { verifyDatabase, verifyExportLines } from '@/lib/governance/verify';
import { freshDb } from './db';

let db: Db;
beforeEach(async () => {
  db = await freshDb();
});

const alice = randomUUID();
const bob = randomUUID();
const persona = randomUUID();
const other = randomUUID();

async function call(actorId: string, personaId: string, text: string, output: string) {
  const start = await startGeneration(db, {
    actorId,
    personaId,
    personaVersion: 1,
    ownerId: alice,
    model: { provider: 'offline', id: 'offline-1' },
    prompt: [{ role: 'user', content: text }],
  });
  return completeGeneration(db, start, { output, finish: 'stop', usage: { inputTokens: 5, outputTokens: 3 } });
}

async function collect(stream: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const chunk of stream) s += chunk;
  return s;
}

async function* linesOf(text: string) {
  yield* text.split('\n');
}

describe('retention and "delete my data"', () => {
  it('erases content past the retention period, and the chain still verifies with content erased', async () => {
    await call(alice, persona, 'hello', 'hi there');
    await call(bob, persona, 'weather?', 'sunny');
    await setRetentionDays(db, 30, alice);
    expect((await purgeExpiredContent(db)).erased).toBe(0);
    const later = new Date(Date.now() + 31 * 86_400_000);
    const purged = await purgeExpiredContent(db, { now: later });
    expect(purged.erased).toBe(4);
    const texts = rowsOf<{ n: string | number }>(
      await db.execute(sql`select count(*) as n from audit_contents where output is not null or prompt is not null`),
    );
    expect(Number(texts[0]!.n)).toBe(0);
    const [event] = rowsOf<{ kind: string }>(await db.execute(sql`select kind from audit_records order by seq desc limit 1`));
    expect(event?.kind).toBe('event.retention.purged');
    expect(await verifyDatabase(db)).toMatchObject({ ok: true, contentErased: 4 });
  });

  it('keeps content forever again once the retention period is cleared, and records both changes', async () => {
    await call(alice, persona, 'hello', 'hi there');
    await setRetentionDays(db, 30, alice);
    expect(await getRetentionDays(db)).toBe(30);
    await setRetentionDays(db, null, alice);
    expect(await getRetentionDays(db)).toBeNull();
    expect(await purgeExpiredContent(db, { now: new Date(Date.now() + 365 * 86_400_000) })).toEqual({ erased: 0, cutoff: null });
    const changes = rowsOf<{ envelope: string }>(await db.execute(sql`select envelope from audit_records where kind = 'event.retention.changed' order by seq`));
    expect(changes.map((r) => JSON.parse(r.envelope).data)).toEqual([{ days: 30 }, { days: null }]);
  });

  it('erases one user’s prompts and outputs and nobody else’s', async () => {
    await call(alice, persona, 'alice asks', 'alice answer');
    await call(bob, persona, 'bob asks', 'bob answer');
    expect((await eraseUserContent(db, bob)).erased).toBe(2);
    const left = rowsOf<{ output: string | null }>(
      await db.execute(sql`select c.output from audit_contents c where c.output is not null`),
    ).map((r) => r.output);
    expect(left).toEqual(['alice answer']);
    expect(await verifyDatabase(db)).toMatchObject({ ok: true, contentErased: 2 });
  });
});

describe('export', () => {
  it('exports the whole chain as JSONL that verifies offline, and catches one changed byte', async () => {
    await call(alice, persona, 'one', 'first answer');
    await call(bob, other, 'two', 'second answer');
    await eraseUserContent(db, bob);
    const text = await collect(await exportAudit(db, { format: 'jsonl', actorId: alice }));
    const result = await verifyExportLines(linesOf(text));
    expect(result).toMatchObject({ ok: true, contentErased: 2 });
    // 4 generation records, the erase event, and the export event itself.
    expect(result.checked).toBe(6);
    const endLine = text.split('\n').find((l) => l.includes('"generation.end"'))!;
    expect(JSON.parse(endLine).AIGC).toMatchObject({ Label: '1', ContentProducer: 'Persona' });

    const tampered = text.replace('first answer', 'first answeR');
    expect(await verifyExportLines(linesOf(tampered))).toMatchObject({ ok: false, break: { seq: 2, reason: 'content_mismatch' } });
    const edited = text.replace('"persona_version":1', '"persona_version":2');
    expect(await verifyExportLines(linesOf(edited))).toMatchObject({ ok: false, break: { seq: 1, reason: 'hash_mismatch' } });
  });

  it('exports only the filtered calls, start and end, verifiable record by record', async () => {
    await call(alice, persona, 'one', 'first');
    await call(bob, other, 'two', 'second');
    const text = await collect(await exportAudit(db, { format: 'jsonl', actorId: alice, filter: { persona: other } }));
    const records = text.trim().split('\n').slice(1).map((l) => JSON.parse(l));
    expect(records.map((r) => r.record.kind)).toEqual(['generation.start', 'generation.end']);
    expect(records.every((r) => r.record.persona_id === other)).toBe(true);
    expect((await verifyExportLines(linesOf(text))).ok).toBe(true);
  });

  it('keeps the search text of an export out of the immutable record, in erasable content', async () => {
    await call(alice, persona, 'call 13800138000', 'ok');
    await collect(await exportAudit(db, { format: 'jsonl', actorId: alice, filter: { q: '13800138000' } }));
    const [event] = rowsOf<{ envelope: string; prompt: string | null }>(
      await db.execute(sql`select r.envelope, c.prompt from audit_records r join audit_contents c on c.seq = r.seq where r.kind = 'event.audit.exported'`),
    );
    expect(event!.envelope).not.toContain('13800138000');
    expect(JSON.parse(event!.envelope).data).toEqual({ format: 'jsonl', filter: {}, searched: true });
    expect(JSON.parse(event!.prompt!)).toEqual({ q: '13800138000' });
  });

  it('exports CSV with a header, the output and the AIGC label, and records the export', async () => {
    await call(alice, persona, 'one', '=SUM(A1)');
    const text = await collect(await exportAudit(db, { format: 'csv', actorId: alice }));
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^seq,id,kind,time,/);
    expect(text).toContain("'=SUM(A1)");
    expect(text).toContain('ContentProducer');
    const [last] = rowsOf<{ kind: string; actor_id: string }>(
      await db.execute(sql`select kind, actor_id from audit_records order by seq desc limit 1`),
    );
    expect(last).toEqual({ kind: 'event.audit.exported', actor_id: alice });
  });
});
