import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { completeGeneration, startGeneration } from '@/lib/governance/audit';
import { costReport } from '@/lib/governance/costs';
import { freshDb } from './db';
import { newPersona, newUser } from './memory-helpers';

let db: Db;
let ann: string;
let ben: string;
let owner: string;
let lighthouse: string;
let harbour: string;

beforeEach(async () => {
  db = await freshDb();
  // Publishing the personas appends records too, and the chain's time never goes back: start the clock early.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-02-01T00:00:00Z'));
  [ann, ben, owner] = [await newUser(db, 'Ann'), await newUser(db, 'Ben'), await newUser(db, 'Owner')];
  [lighthouse, harbour] = [await newPersona(db, owner, 'Lighthouse'), await newPersona(db, owner, 'Harbour')];
  vi.useRealTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** One finished model call at `at` (the chain takes its time from the clock, so the clock is set). */
async function callAt(at: string, c: { user: string; persona: string; model: string; input: number; output: number; cost: number | null }) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
  const [provider] = c.model.split(':');
  const start = await startGeneration(db, {
    actorId: c.user,
    personaId: c.persona,
    personaVersion: 1,
    ownerId: owner,
    model: { provider: provider!, id: c.model },
    prompt: [{ role: 'user', content: 'hello' }],
  });
  await completeGeneration(db, start, {
    output: 'hi',
    finish: 'stop',
    usage: { inputTokens: c.input, outputTokens: c.output },
    cost: c.cost,
  });
  vi.useRealTimers();
}

describe('cost report', () => {
  beforeEach(async () => {
    await callAt('2026-03-01T10:00:00Z', { user: ann, persona: lighthouse, model: 'compatible:fake-small', input: 100, output: 50, cost: 0.001 });
    await callAt('2026-03-02T23:59:00Z', { user: ben, persona: harbour, model: 'offline:persona-1', input: 10, output: 5, cost: null });
    await callAt('2026-03-02T23:59:30Z', { user: ann, persona: harbour, model: 'compatible:fake-small', input: 20, output: 10, cost: 0.0005 });
    await callAt('2026-03-05T08:00:00Z', { user: ben, persona: lighthouse, model: 'compatible:fake-small', input: 999, output: 999, cost: 1 });
  });

  it('sums tokens and cost per persona, model, user and UTC day over the range, unknown prices apart', async () => {
    const report = await costReport(db, { from: '2026-03-01', to: '2026-03-03' });
    expect(report.total).toEqual({ calls: 3, inputTokens: 130, outputTokens: 65, cost: 0.0015, unpriced: 1 });
    expect(report.days.map((d) => [d.day, d.calls, d.inputTokens])).toEqual([
      ['2026-03-01', 1, 100],
      ['2026-03-02', 2, 30],
      ['2026-03-03', 0, 0],
    ]);
    expect(report.personas.map((p) => [p.label, p.calls, p.cost, p.unpriced])).toEqual([
      ['Lighthouse', 1, 0.001, 0],
      ['Harbour', 2, 0.0005, 1],
    ]);
    expect(report.users.map((u) => [u.label, u.calls, u.inputTokens, u.cost])).toEqual([
      ['Ann', 2, 120, 0.0015],
      ['Ben', 1, 10, null],
    ]);
    expect(report.models.map((m) => [m.key, m.calls, m.cost])).toEqual([
      ['compatible:fake-small', 2, 0.0015],
      ['offline:persona-1', 1, null],
    ]);
    expect(report.counts).toEqual({ personas: 2, models: 2, users: 2 });
  });

  it('counts a call on the UTC day it ended in, and nothing outside the range', async () => {
    const day = await costReport(db, { from: '2026-03-05', to: '2026-03-05' });
    expect(day.total).toMatchObject({ calls: 1, inputTokens: 999, cost: 1 });
    expect(day.users.map((u) => u.label)).toEqual(['Ben']);
    const empty = await costReport(db, { from: '2026-02-01', to: '2026-02-28' });
    expect(empty.total).toEqual({ calls: 0, inputTokens: 0, outputTokens: 0, cost: null, unpriced: 0 });
    expect(empty.personas).toEqual([]);
    expect(empty.days).toHaveLength(28);
  });
});
