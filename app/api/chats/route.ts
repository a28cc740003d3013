import { getDb } from '@/db/client';
import { listChatsWithPersona } from '@/lib/chat/list';
import { createChatBodySchema } from '@/lib/chat/schemas';
import { startChat } from '@/lib/chat/start';
import { route } from '@/lib/http/route';

// GET /api/chats — the user's chats, newest first.
export const GET = route({ permission: 'chat.use' }, async ({ user }) => ({
  chats: await listChatsWithPersona(await getDb(), user.id),
}));

// POST /api/chats — start a chat with a persona.
export const POST = route({ permission: 'chat.use', body: createChatBodySchema, maxBytes: 1024 }, async ({ user, body }) => {
  const chat = await startChat(await getDb(), user, body.personaId);
  return Response.json({ chat: { id: chat.id, title: chat.title } }, { status: 201 });
});
