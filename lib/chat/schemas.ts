import type { aigcLabel } from '@/lib/governance/labels';
import { z } from 'zod';

/** Longest user message accepted, in characters (CHAT_MAX_MESSAGE_CHARS); past it the request is refused with 413. */
export const maxMessageChars = () => Number(process.env.CHAT_MAX_MESSAGE_CHARS ?? 8000);

const id = z.uuid({ message: 'invalid_id' });
const text = z.string({ message: 'required' }).trim().min(1, 'required');

/** One chat turn: send a message, regenerate a reply (a new swipe), or edit a user message (a new branch). */
export const chatTurnBodySchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('send'), chatId: id, parentId: id.nullable(), text }),
    z.object({ action: z.literal('regenerate'), chatId: id, messageId: id }),
    z.object({ action: z.literal('edit'), chatId: id, messageId: id, text }),
  ],
  { message: 'invalid_action' },
);
export type ChatTurnBody = z.infer<typeof chatTurnBodySchema>;

export const createChatBodySchema = z.object({ personaId: id });
export const renameChatBodySchema = z.object({ title: z.string().trim().min(1, 'required').max(120, 'too_long') });
export const activeLeafBodySchema = z.object({ leafId: id });
export const stopBodySchema = z.object({ messageId: id });

/** Metadata the server attaches to a streamed assistant message, so the browser learns the stored ids. */
export type ReplyMetadata = {
  messageId: string;
  userMessageId: string | null;
  parentId: string | null;
  status?: string;
  modelId?: string;
  /** The AIGC label of the reply (lib/governance/labels.ts), the same object exports carry. */
  aigc?: ReturnType<typeof aigcLabel>;
};
