import type { Message } from './queries';

/** What the browser gets for one message: plain, serialisable, no internal fields. */
export type MessageView = {
  id: string;
  parentId: string | null;
  role: 'user' | 'assistant';
  text: string;
  status: Message['status'];
  kind: string;
  createdAt: string;
  modelId: string | null;
  error: { code: string; message: string } | null;
  /** The text was erased at the user's request ("delete my data"). */
  erased: boolean;
};

export function toMessageView(m: Message): MessageView {
  return {
    id: m.id,
    parentId: m.parentId,
    role: m.role,
    text: m.text,
    status: m.status,
    kind: m.kind,
    createdAt: m.createdAt.toISOString(),
    modelId: m.modelId,
    error: m.error ?? null,
    erased: m.erasedAt !== null,
  };
}
