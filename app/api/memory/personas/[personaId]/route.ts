import { getDb } from '@/db/client';
import { auditMemoryChange } from '@/lib/governance/memory-events';
import { route } from '@/lib/http/route';
import {
  forgetPersonaMemories,
  getMemoryPersonaOrThrow,
  listMemories,
  listMemoriesQuerySchema,
  toMemoryPageView,
} from '@/lib/memory';

// Every change the user makes is recorded as a governance event, in the transaction that makes it.
const audited = { onChange: auditMemoryChange };

// GET /api/memory/personas/:personaId?q=&page= — what this persona remembers about the user, pinned first.
export const GET = route({ permission: 'memory.use', query: listMemoriesQuerySchema }, async ({ user, params, query }) => {
  const db = await getDb();
  const persona = await getMemoryPersonaOrThrow(db, user.id, params.personaId ?? '');
  const page = await listMemories(db, { userId: user.id, personaId: persona.personaId, search: query.q, page: query.page });
  return { persona, ...toMemoryPageView(page) };
});

// DELETE /api/memory/personas/:personaId — "forget everything" this persona remembers about the user.
export const DELETE = route({ permission: 'memory.use' }, async ({ user, params }) => {
  const db = await getDb();
  const persona = await getMemoryPersonaOrThrow(db, user.id, params.personaId ?? '');
  return forgetPersonaMemories(db, { userId: user.id, personaId: persona.personaId }, audited);
});
