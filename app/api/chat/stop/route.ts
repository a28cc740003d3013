import { getDb } from '@/db/client';
import { stopBodySchema } from '@/lib/chat/schemas';
import { requestStop } from '@/lib/chat/stop';
import { route } from '@/lib/http/route';

// POST /api/chat/stop — stop a reply that is being written.
export const POST = route({ permission: 'chat.use', body: stopBodySchema, maxBytes: 1024 }, async ({ user, body }) => {
  await requestStop(await getDb(), user.id, body.messageId);
  return { ok: true };
});
