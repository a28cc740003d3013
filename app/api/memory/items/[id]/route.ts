import { getDb } from '@/db/client';
import { auditMemoryChange } from '@/lib/governance/memory-events';
import { route } from '@/lib/http/route';
import { deleteMemory, editMemory, editMemoryBodySchema, toMemoryView } from '@/lib/memory';

// Every change the user makes is recorded as a governance event, in the transaction that makes it.
const audited = { onChange: auditMemoryChange };

// PATCH /api/memory/items/:id — edit one of the user's memories (text, and optionally kind and importance).
export const PATCH = route({ permission: 'memory.use', body: editMemoryBodySchema, maxBytes: 8 * 1024 }, async ({ user, params, body }) => {
  const memory = await editMemory(await getDb(), { userId: user.id, memoryId: params.id ?? '', ...body }, audited);
  return { memory: toMemoryView(memory) };
});

// DELETE /api/memory/items/:id — erase one of the user's memories.
export const DELETE = route({ permission: 'memory.use' }, async ({ user, params }) => {
  await deleteMemory(await getDb(), { userId: user.id, memoryId: params.id ?? '' }, audited);
  return { ok: true };
});
