import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/db/client';
import { registerUser } from '@/lib/auth/register';
import { changeRole } from '@/lib/auth/roles';
import type { PublicUser } from '@/lib/auth/users';
import { completeGeneration, startGeneration } from '@/lib/governance/audit';
import { listIncidentsForAssignee, raiseIncident, resolveIncident } from '@/lib/governance/incidents';
import { listAuditQuerySchema, listAuditRecords } from '@/lib/governance/queries';
import { getAuditCallForViewerOrThrow } from '@/lib/governance/records';
import type { Verdict } from '@/lib/governance/policies/types';
import { verifyDatabase } from '@/lib/governance/verify';
import { freshDb, uniqueEmail } from './db';

let db: Db;
let admin: PublicUser;
let owner: PublicUser;
let member: PublicUser;
let auditor: PublicUser;
const personaA = randomUUID();
const personaB = randomUUID();

beforeEach(async () => {
  db = await freshDb();
  admin = await registerUser(db, { email: uniqueEmail('admin'), name: 'Admin', password: 'password1' });
  owner = await registerUser(db, { email: uniqueEmail('owner'), name: 'Olga Owner', password: 'password1' });
  member = await registerUser(db, { email: uniqueEmail('member'), name: 'Mo Member', password: 'password1' });
  auditor = await registerUser(db, { email: uniqueEmail('auditor'), name: 'Ada Auditor', password: 'password1' });
  auditor = await changeRole(db, admin, auditor.id, 'auditor');
});

const blockVerdict: Verdict = { check: 'red-line', version: 1, on: 'output', kind: 'keywords', action: 'block', category: 'weapons', count: 1 };

async function call(opts: { persona?: string; version?: number; model?: string; text: string; output: string; verdicts?: Verdict[] }) {
  const start = await startGeneration(db, {
    actorId: member.id,
    personaId: opts.persona ?? personaA,
    personaVersion: opts.version ?? 1,
    ownerId: owner.id,
    model: { provider: 'offline', id: opts.model ?? 'offline-1' },
    prompt: [
      { role: 'system', content: 'You are a guide.' },
      { role: 'user', content: opts.text },
    ],
  });
  const end = await completeGeneration(db, start, { output: opts.output, finish: 'stop', verdicts: opts.verdicts });
  return { start, end };
}

const list = (params: Record<string, unknown>) => listAuditRecords(db, listAuditQuerySchema.parse(params));

describe('the review list', () => {
  it('filters calls by persona, version, owner, user, model and verdict, newest first', async () => {
    const a = await call({ text: 'harbour tour', output: 'The harbour opens at nine.' });
    const b = await call({ persona: personaB, version: 2, model: 'gpt-4o-mini', text: 'weapons', output: 'No.', verdicts: [blockVerdict] });
    expect((await list({})).items.map((i) => i.seq)).toEqual([b.end.seq, a.end.seq]);
    expect((await list({ persona: personaB })).items.map((i) => i.seq)).toEqual([b.end.seq]);
    expect((await list({ persona: personaB, version: '1' })).items).toEqual([]);
    expect((await list({ owner: owner.id, user: member.id })).items).toHaveLength(2);
    expect((await list({ model: 'gpt-4o-mini' })).items.map((i) => i.seq)).toEqual([b.end.seq]);
    expect((await list({ verdict: 'block' })).items.map((i) => i.seq)).toEqual([b.end.seq]);
    expect((await list({ verdict: 'allow' })).items.map((i) => i.seq)).toEqual([a.end.seq]);
    const [first] = (await list({ persona: personaA })).items;
    expect(first).toMatchObject({ actorName: 'Mo Member', ownerName: 'Olga Owner', personaVersion: 1, snippet: 'The harbour opens at nine.' });
  });

  it('finds calls by words of the prompt or the reply, Chinese included', async () => {
    const en = await call({ text: 'Where is the lighthouse?', output: 'Past the old pier.' });
    const zh = await call({ text: '北京今天天气怎么样？', output: '北京今天晴，适合散步。' });
    expect((await list({ q: 'lighthouse' })).items.map((i) => i.seq)).toEqual([en.end.seq]);
    expect((await list({ q: 'pier' })).items.map((i) => i.seq)).toEqual([en.end.seq]);
    expect((await list({ q: '散步' })).items.map((i) => i.seq)).toEqual([zh.end.seq]);
    expect((await list({ q: '天气' })).items.map((i) => i.seq)).toEqual([zh.end.seq]);
    expect((await list({ q: 'submarine' })).items).toEqual([]);
  });

  it('pages with a cursor and filters by time range', async () => {
    const calls = [];
    for (let i = 0; i < 5; i++) calls.push(await call({ text: `q${i}`, output: `a${i}` }));
    const page1 = await list({ limit: '2' });
    expect(page1.items.map((i) => i.seq)).toEqual([calls[4]!.end.seq, calls[3]!.end.seq]);
    const page2 = await list({ limit: '2', cursor: String(page1.nextCursor) });
    expect(page2.items.map((i) => i.seq)).toEqual([calls[2]!.end.seq, calls[1]!.end.seq]);
    const page3 = await list({ limit: '2', cursor: String(page2.nextCursor) });
    expect(page3.items.map((i) => i.seq)).toEqual([calls[0]!.end.seq]);
    expect(page3.nextCursor).toBeNull();
    expect((await list({ from: new Date(Date.now() + 60_000).toISOString() })).items).toEqual([]);
    expect((await list({ from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() })).items).toHaveLength(5);
  });
});

describe('flags and incidents', () => {
  it('assigns a flag to the persona owner, who resolves it with a note and the fixing version', async () => {
    const { start, end } = await call({ text: 'tell me a secret', output: 'Here is a secret.' });
    const incident = await raiseIncident(db, auditor, start.seq, 'Reveals private data');
    expect(incident).toMatchObject({ auditSeq: end.seq, assigneeId: owner.id, personaId: personaA, status: 'open' });
    expect((await list({ flagged: '1' })).items.map((i) => ({ seq: i.seq, flagged: i.flagged }))).toEqual([{ seq: end.seq, flagged: true }]);
    expect(await listIncidentsForAssignee(db, owner.id)).toMatchObject([{ id: incident.id, raisedByName: 'Ada Auditor' }]);
    expect(await listIncidentsForAssignee(db, member.id)).toEqual([]);

    await expect(resolveIncident(db, member, incident.id, { note: 'not mine' })).rejects.toMatchObject({ code: 'not_found' });
    const resolved = await resolveIncident(db, owner, incident.id, { note: 'Tightened the persona rules', fixVersion: 2 });
    expect(resolved).toMatchObject({ status: 'resolved', fixVersion: 2, resolvedBy: owner.id });
    await expect(resolveIncident(db, owner, incident.id, { note: 'again' })).rejects.toMatchObject({ code: 'conflict' });

    const kinds = rowsOf<{ kind: string }>(await db.execute(sql`select kind from audit_records where kind like 'event.audit.flag.%' order by seq`));
    expect(kinds.map((k) => k.kind)).toEqual(['event.audit.flag.raised', 'event.audit.flag.resolved']);
    expect((await verifyDatabase(db)).ok).toBe(true);
  });

  it('refuses to flag a governance event', async () => {
    const { end } = await call({ text: 'a', output: 'b' });
    await raiseIncident(db, auditor, end.seq, 'first');
    const [event] = rowsOf<{ seq: string | number }>(await db.execute(sql`select seq from audit_records where kind = 'event.audit.flag.raised'`));
    await expect(raiseIncident(db, auditor, Number(event!.seq), 'flag the flag')).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('who may open a record', () => {
  it('shows a call to auditors and to the persona owner, and to nobody else', async () => {
    const { end } = await call({ text: 'hello', output: 'hi' });
    const seen = await getAuditCallForViewerOrThrow(db, auditor, end.seq);
    expect(seen.end?.output).toBe('hi');
    expect(seen.start?.prompt).toEqual([
      { role: 'system', content: 'You are a guide.' },
      { role: 'user', content: 'hello' },
    ]);
    expect((await getAuditCallForViewerOrThrow(db, owner, end.seq)).end?.seq).toBe(end.seq);
    await expect(getAuditCallForViewerOrThrow(db, member, end.seq)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getAuditCallForViewerOrThrow(db, auditor, 999_999)).rejects.toMatchObject({ code: 'not_found' });
  });
});
