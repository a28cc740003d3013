import { getDb } from '@/db/client';
import { auditMemoryChange } from '@/lib/governance/memory-events';
import { route } from '@/lib/http/route';
import { pinMemoryBodySchema, setMemoryPinned, toMemoryView } from '@/lib/memory';

// Every change the user makes is recorded as a governance event, in the transaction that makes it.
const audited = { onChange: auditMemoryChange };

// PUT /api/memory/items/:id/pin — pin (always recalled, listed first) or unpin one of the user's memories.
export const PUT = route({ permission: 'memory.use', body: pinMemoryBodySchema, maxBytes: 1024 }, async ({ user, params, body }) => {
  const memory = await setMemoryPinned(await getDb(), { userId: user.id, memoryId: params.id ?? '', pinned: body.pinned }, audited);
  return { memory: toMemoryView(memory) };
});
