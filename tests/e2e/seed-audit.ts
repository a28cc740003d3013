// Seeds model calls into the e2e database through the real governance API (the chat route that would record them
// belongs to another branch). Run as a separate process: DATABASE_URL=<e2e db> npx tsx tests/e2e/seed-audit.ts
// <actorId> <ownerId> <personaId>; prints the calls' end record seqs as JSON.
import { closeDb, getDb } from '../../db/client';
import { completeGeneration, startGeneration } from '../../lib/governance/audit';

const [actorId, ownerId, personaId] = process.argv.slice(2) as [string, string, string];
const db = await getDb();
const calls = [
  { text: 'Where does the lighthouse keeper live?', output: 'The lighthouse keeper lives by the northern pier.', model: 'offline-1' },
  { text: 'What is the weather like?', output: 'Sunny with a light breeze.', model: 'gpt-4o-mini' },
];
const ends: number[] = [];
for (const c of calls) {
  const start = await startGeneration(db, {
    actorId,
    personaId,
    personaVersion: 1,
    ownerId,
    model: { provider: 'offline', id: c.model },
    settings: { temperature: 0.7 },
    prompt: [
      { role: 'system', content: 'You are Mira, a harbour guide.' },
      { role: 'user', content: c.text },
    ],
  });
  const end = await completeGeneration(db, start, { output: c.output, finish: 'stop', usage: { inputTokens: 20, outputTokens: 9 }, ttftMs: 35 });
  ends.push(end.seq);
}
console.log(JSON.stringify(ends));
await closeDb();
process.exit(0);
