import { getDb } from '@/db/client';
import { setActiveLeaf } from '@/lib/chat/queries';
import { activeLeafBodySchema } from '@/lib/chat/schemas';
import { route } from '@/lib/http/route';

// PUT /api/chats/:id/leaf — remember which branch the user is looking at.
export const PUT = route({ permission: 'chat.use', body: activeLeafBodySchema }, async ({ user, params, body }) => {
  await setActiveLeaf(await getDb(), user.id, params.id ?? '', body.leafId);
  return { ok: true };
});
