import type { UIMessageChunk } from 'ai';
import type { Db } from '@/db/client';
import { effectiveModelId } from '@/lib/ai/default-model';
import { assemblePrompt, toCallPrompt } from '@/lib/ai/prompt';
import { modelInfo, resolveModel } from '@/lib/ai/registry';
import type { PublicUser } from '@/lib/auth/users';
import { rateLimited, tooLarge } from '@/lib/errors';
import { hit } from '@/lib/limits/rate-limit';
import { getPersonaVersionForChat } from '@/lib/personas/queries';
import { immediateReply, runGeneration, type GenerationOutcome } from './generation';
import { greetingsOf, toPromptProfile } from './persona-prompt';
import { getChatForUserOrThrow, listMessages } from './queries';
import { finishReply, insertTurnMessages, saveProgress } from './reply-store';
import { aigcLabel, maxMessageChars, type ChatTurnBody, type ReplyMetadata } from './schemas';
import { registerGeneration, unregisterGeneration } from './stop';
import { buildTree } from './tree';
import { planTurn } from './turn-plan';

export const chatRateWindow = () => ({
  limit: Number(process.env.CHAT_RATE_LIMIT_PER_MINUTE ?? 30),
  windowSeconds: 60,
});

export type TurnResult = { stream: ReadableStream<UIMessageChunk>; done: Promise<GenerationOutcome> };

const refusal = { en: 'I can’t continue with that.', zh: '抱歉，我无法继续这个话题。' };

/**
 * One chat turn: check limits, load the chat and the persona, assemble the prompt, store the user's message and an
 * empty reply, then stream the model's answer while storing it. The stream is for the browser; `done` settles once
 * the reply is stored, whether or not the browser stayed.
 */
export async function runChatTurn(db: Db, user: PublicUser, body: ChatTurnBody, locale: string): Promise<TurnResult> {
  if (body.action !== 'regenerate' && body.text.length > maxMessageChars()) {
    throw tooLarge(`text: longer than ${maxMessageChars()} characters`);
  }
  // Independent reads run together: the limit, the chat, then its messages, persona and model.
  const [limit, chat] = await Promise.all([
    hit(db, `chat:${user.id}`, chatRateWindow()),
    getChatForUserOrThrow(db, user.id, body.chatId),
  ]);
  if (!limit.allowed) throw rateLimited(limit.retryAfterSeconds);
  const [all, { version }] = await Promise.all([
    listMessages(db, chat.id),
    getPersonaVersionForChat(user.id, chat.personaId, db),
  ]);
  const tree = buildTree(all);
  const plan = planTurn(tree, body);

  const modelId = await effectiveModelId(db, version.model.modelId);
  const info = modelInfo(modelId);
  const maxOutputTokens = version.model.maxOutputTokens ?? info.defaultMaxOutputTokens;
  const history = plan.history.map((n) => ({ role: n.role, text: n.text }));
  if (plan.newUserText !== null) history.push({ role: 'user', text: plan.newUserText });
  const prompt = assemblePrompt({
    persona: toPromptProfile(version.profile),
    userName: user.name,
    memories: [],
    history,
    contextWindow: info.contextWindow,
    maxOutputTokens,
  });

  // Resolve before storing anything, but store the turn either way: the user's words are never lost.
  let model: ReturnType<typeof resolveModel> | null = null;
  try {
    model = resolveModel(modelId);
  } catch {
    model = null;
  }

  const firstUserMessage = plan.newUserText !== null && !all.some((m) => m.role === 'user');
  const ids = await db.transaction((tx) =>
    insertTurnMessages(tx, {
      chatId: chat.id,
      userParentId: plan.userParentId,
      newUserText: plan.newUserText,
      replyParentId: plan.replyParentId,
      personaVersion: version.version,
      modelId,
      retitle: firstUserMessage ? titleFrom(plan.newUserText!) : null,
    }),
  );

  const metadata: ReplyMetadata = {
    messageId: ids.replyId,
    userMessageId: ids.userMessageId,
    parentId: ids.replyParentId,
    modelId,
    aigc: aigcLabel(ids.replyId),
  };
  const store = (outcome: GenerationOutcome) => finishReply(db, ids.replyId, outcome);
  if (!model) {
    return immediateReply(
      { ...emptyOutcome, status: 'error', error: { code: 'provider_unavailable', message: `Model ${modelId} is not available` } },
      metadata,
      store,
    );
  }

  const stop = registerGeneration(ids.replyId);
  const { stream, done } = runGeneration({
    model,
    prompt: toCallPrompt(prompt),
    temperature: version.model.temperature ?? undefined,
    maxOutputTokens,
    stopSignal: stop.signal,
    refusal: locale.startsWith('zh') ? refusal.zh : refusal.en,
    metadata,
    firstTokenTimeoutMs: Number(process.env.CHAT_FIRST_TOKEN_TIMEOUT_MS ?? 60_000),
    idleTimeoutMs: Number(process.env.CHAT_IDLE_TIMEOUT_MS ?? 30_000),
    maxRetries: Number(process.env.CHAT_PROVIDER_RETRIES ?? 2),
    onProgress: async (text) => {
      if (await saveProgress(db, ids.replyId, text)) stop.abort();
    },
    onDone: async (outcome) => {
      unregisterGeneration(ids.replyId);
      await store(outcome);
    },
  });
  return { stream, done };
}

const emptyOutcome: GenerationOutcome = {
  text: '',
  status: 'complete',
  error: null,
  finishReason: null,
  usage: null,
  ttftMs: null,
  totalMs: 0,
};

export { greetingsOf };

function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
