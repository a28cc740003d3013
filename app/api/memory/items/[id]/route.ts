import { getDb } from '@/db/client';
import { route } from '@/lib/http/route';
import { deleteMemory, editMemory, editMemoryBodySchema, toMemoryView } from '@/lib/memory';

// PATCH /api/memory/items/:id — edit one of the user's memories (text, and optionally kind and importance).
export const PATCH = route({ permission: 'memory.use', body: editMemoryBodySchema, maxBytes: 8 * 1024 }, async ({ user, params, body }) => {
  const memory = await editMemory(await getDb(), { userId: user.id, memoryId: params.id ?? '', ...body });
  return { memory: toMemoryView(memory) };
});

// DELETE /api/memory/items/:id — erase one of the user's memories.
export const DELETE = route({ permission: 'memory.use' }, async ({ user, params }) => {
  await deleteMemory(await getDb(), { userId: user.id, memoryId: params.id ?? '' });
  return { ok: true };
});
