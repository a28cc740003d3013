import { getDb } from '@/db/client';
import { getChatForUserOrThrow } from '@/lib/chat/queries';
import { notFound } from '@/lib/errors';
import { audit } from '@/lib/governance/audit';
import { getReplyFacts } from '@/lib/governance/reply-facts';
import { route } from '@/lib/http/route';

// GET /api/chats/:id/messages/:messageId/record — the audit facts of one reply, for the chat's own user; audited.
export const GET = route({ permission: 'chat.use' }, async ({ user, params }) => {
  const db = await getDb();
  const chat = await getChatForUserOrThrow(db, user.id, params.id ?? '');
  const facts = await getReplyFacts(db, chat.id, params.messageId ?? '');
  if (!facts) throw notFound('Audit record');
  await audit(db, { action: 'audit.viewed', actorId: user.id, chatId: chat.id, data: { seq: facts.seq } });
  return { record: facts };
});
