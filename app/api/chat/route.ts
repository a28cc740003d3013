import { createUIMessageStreamResponse } from 'ai';
import { after } from 'next/server';
import { getDb } from '@/db/client';
import { chatTurnBodySchema } from '@/lib/chat/schemas';
import { runChatTurn } from '@/lib/chat/turn';
import { route } from '@/lib/http/route';
import { currentLocale } from '@/lib/i18n/request';

// POST /api/chat — one chat turn (send, regenerate, edit), streamed as a UI message stream.
export const POST = route(
  { permission: 'chat.use', body: chatTurnBodySchema, maxBytes: 64 * 1024 },
  async ({ user, body, requestId }) => {
    const turn = await runChatTurn(await getDb(), user, body, { locale: await currentLocale(), requestId });
    // Keep the process working on the reply (and what follows it) after the response is gone.
    after(() => turn.settled);
    // no-transform: Next's gzip would otherwise re-compress every streamed delta (costly, and it can delay flushes).
    return createUIMessageStreamResponse({ stream: turn.stream, headers: { 'cache-control': 'no-cache, no-transform' } });
  },
);
