import { getDb } from '@/db/client';
import { route } from '@/lib/http/route';
import { isMemoryEnabled, listMemoryPersonas } from '@/lib/memory';

// GET /api/memory — the personas the user has memories or chats with, with counts, and the memory switch.
export const GET = route({ permission: 'memory.use' }, async ({ user }) => {
  const db = await getDb();
  const [enabled, personas] = await Promise.all([isMemoryEnabled(db, user.id), listMemoryPersonas(db, user.id)]);
  return { enabled, personas };
});
