import { getDb } from '@/db/client';
import { deleteChat, getChatForUserOrThrow, listMessages, renameChat } from '@/lib/chat/queries';
import { renameChatBodySchema } from '@/lib/chat/schemas';
import { toMessageView } from '@/lib/chat/view';
import { route } from '@/lib/http/route';

// GET /api/chats/:id — the chat and its whole message tree (the browser shows one branch of it).
export const GET = route({ permission: 'chat.use' }, async ({ user, params }) => {
  const db = await getDb();
  const chat = await getChatForUserOrThrow(db, user.id, params.id ?? '');
  const messages = await listMessages(db, chat.id);
  return { chat: { id: chat.id, title: chat.title, personaId: chat.personaId }, activeLeafId: chat.activeLeafId, messages: messages.map(toMessageView) };
});

// PATCH /api/chats/:id — rename.
export const PATCH = route({ permission: 'chat.use', body: renameChatBodySchema }, async ({ user, params, body }) => {
  const chat = await renameChat(await getDb(), user.id, params.id ?? '', body.title);
  return { chat: { id: chat.id, title: chat.title } };
});

// DELETE /api/chats/:id — hide the chat; memories and audit records stay.
export const DELETE = route({ permission: 'chat.use' }, async ({ user, params }) => {
  await deleteChat(await getDb(), user.id, params.id ?? '');
  return { ok: true };
});
