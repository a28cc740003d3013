import type { UIMessageChunk } from 'ai';
import type { Db } from '@/db/client';
import { effectiveModelId } from '@/lib/ai/default-model';
import { toCallPrompt } from '@/lib/ai/prompt';
import { modelInfo, resolveModel } from '@/lib/ai/registry';
import type { PublicUser } from '@/lib/auth/users';
import { rateLimited, tooLarge } from '@/lib/errors';
import {
  aigcLabel,
  asOutputGuard,
  evaluatePolicy,
  loadPolicy,
  startGeneration,
  StreamingPolicyFilter,
  type Verdict,
} from '@/lib/governance';
import { auditMemoryChange } from '@/lib/governance/memory-events';
import { hit } from '@/lib/limits/rate-limit';
import { extractAfterTurn, mightHoldPersonalFacts } from '@/lib/memory';
import { getPersonaVersionForChat } from '@/lib/personas/queries';
import { recordOutcome } from './audit-trail';
import { immediateReply, runGeneration, type GenerationOutcome } from './generation';
import { getChatForUserOrThrow, listMessages } from './queries';
import { finishReply, insertTurnMessages, saveProgress } from './reply-store';
import { maxMessageChars, type ChatTurnBody, type ReplyMetadata } from './schemas';
import { registerGeneration, unregisterGeneration } from './stop';
import { buildTree } from './tree';
import { planTurn } from './turn-plan';
import { buildTurnPrompt } from './turn-prompt';

export const chatRateWindow = () => ({
  limit: Number(process.env.CHAT_RATE_LIMIT_PER_MINUTE ?? 30),
  windowSeconds: 60,
});

export type TurnResult = {
  stream: ReadableStream<UIMessageChunk>;
  /** Settles once the reply and its audit record are stored. */
  done: Promise<GenerationOutcome>;
  /** Settles once the work after the reply (memory extraction) is over; never rejects. */
  settled: Promise<void>;
};

const refusals = { en: 'I can’t continue with that.', zh: '抱歉，我无法继续这个话题。' };

/**
 * One chat turn: check limits, load the chat and the persona, check the user's words against the red lines,
 * assemble the prompt, then in one transaction store the user's message, an empty reply and the audit record of the
 * call's start; stream the model's answer through the output policy while storing it; and at the end store the reply
 * and complete its audit record together. The stream is for the browser; `done` settles once everything is stored,
 * whether or not the browser stayed.
 */
export async function runChatTurn(
  db: Db,
  user: PublicUser,
  body: ChatTurnBody,
  ctx: { locale: string; requestId: string },
): Promise<TurnResult> {
  if (body.action !== 'regenerate' && body.text.length > maxMessageChars()) {
    throw tooLarge(`text: longer than ${maxMessageChars()} characters`);
  }
  // Independent reads run together: the limit with the chat, then its messages with the persona.
  const [limit, chat] = await Promise.all([
    hit(db, `chat:${user.id}`, chatRateWindow()),
    getChatForUserOrThrow(db, user.id, body.chatId),
  ]);
  if (!limit.allowed) throw rateLimited(limit.retryAfterSeconds);
  const [all, { persona, version }] = await Promise.all([
    listMessages(db, chat.id),
    getPersonaVersionForChat(user.id, chat.personaId, db),
  ]);
  const plan = planTurn(buildTree(all), body);

  const policy = loadPolicy();
  const input = plan.newUserText === null ? null : evaluatePolicy(policy, plan.newUserText, 'input');
  const inputVerdicts: Verdict[] = input?.verdicts ?? [];

  const modelId = await effectiveModelId(db, version.model.modelId);
  const info = modelInfo(modelId);
  const maxOutputTokens = version.model.maxOutputTokens ?? info.defaultMaxOutputTokens;
  // Messages the user had erased ("delete my data") are no longer part of the conversation the model sees.
  const erased = new Set(all.filter((m) => m.erasedAt).map((m) => m.id));
  const history = plan.history.filter((n) => !erased.has(n.id)).map((n) => ({ role: n.role, text: n.text }));
  // The model (and the audit record) get the input as the policy left it: PII it redacts never leaves.
  if (input) history.push({ role: 'user', text: input.text });
  const prompt = await buildTurnPrompt(db, {
    user,
    personaId: chat.personaId,
    profile: version.profile,
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
  const settings = { temperature: version.model.temperature, maxOutputTokens };
  const firstUserMessage = plan.newUserText !== null && !all.some((m) => m.role === 'user');
  const { ids, call } = await db.transaction(async (tx) => {
    const ids = await insertTurnMessages(tx, {
      chatId: chat.id,
      userParentId: plan.userParentId,
      newUserText: plan.newUserText,
      replyParentId: plan.replyParentId,
      personaVersion: version.version,
      modelId,
      retitle: firstUserMessage ? titleFrom(plan.newUserText!) : null,
    });
    // Last in the transaction: the chain's head stays locked until commit.
    const call = await startGeneration(tx, {
      actorId: user.id,
      personaId: persona.id,
      personaVersion: version.version,
      ownerId: persona.ownerId,
      chatId: chat.id,
      messageId: ids.replyId,
      model: { provider: info.kind, id: modelId },
      settings,
      prompt: { system: prompt.system, messages: prompt.messages },
      searchText: input?.text,
      purpose: 'chat',
      requestId: ctx.requestId,
      verdicts: inputVerdicts,
      policyVersion: policy.version,
    });
    return { ids, call };
  });

  const metadata: ReplyMetadata = {
    messageId: ids.replyId,
    userMessageId: ids.userMessageId,
    parentId: ids.replyParentId,
    modelId,
    aigc: aigcLabel(ids.replyId),
  };
  const filter = new StreamingPolicyFilter(policy);
  const store = (outcome: GenerationOutcome) =>
    db.transaction(async (tx) => {
      await finishReply(tx, ids.replyId, outcome);
      await recordOutcome(tx, call, outcome, {
        model: info,
        verdicts: [...inputVerdicts, ...filter.verdicts],
        policyVersion: policy.version,
        requestId: ctx.requestId,
      });
    });

  // After everything is stored, off the streaming path: what the user said may be worth remembering.
  const followUp = (done: Promise<GenerationOutcome>): Promise<void> =>
    done
      .then(async (outcome) => {
        if (!user.memoryEnabled || !input || input.action === 'block' || !ids.userMessageId) return;
        if (outcome.status === 'blocked' || !mightHoldPersonalFacts(input.text)) return;
        await extractAfterTurn(
          {
            userId: user.id,
            personaId: chat.personaId,
            chatId: chat.id,
            messageId: ids.userMessageId,
            userText: input.text,
            model: info.kind === 'offline' ? undefined : (model ?? undefined),
          },
          // A model that hangs must not hold the extraction (and its connection) forever; it is retried later.
          {
            db,
            onChange: auditMemoryChange,
            abortSignal: AbortSignal.timeout(Number(process.env.MEMORY_EXTRACTION_TIMEOUT_MS ?? 30_000)),
          },
        );
      })
      .catch((err) => console.error('after-turn work failed:', err instanceof Error ? err.message : err));

  const refusal = ctx.locale.startsWith('zh') ? refusals.zh : refusals.en;
  if (input?.action === 'block' || !model) {
    const outcome: GenerationOutcome = model
      ? { ...emptyOutcome, status: 'blocked', text: refusal }
      : { ...emptyOutcome, status: 'error', error: { code: 'provider_unavailable', message: `Model ${modelId} is not available` } };
    const immediate = immediateReply(outcome, metadata, store);
    return { ...immediate, settled: followUp(immediate.done) };
  }

  const stop = registerGeneration(ids.replyId);
  const { stream, done } = runGeneration({
    model,
    prompt: toCallPrompt(prompt),
    temperature: version.model.temperature ?? undefined,
    maxOutputTokens,
    stopSignal: stop.signal,
    guard: asOutputGuard(filter),
    refusal,
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
  return { stream, done, settled: followUp(done) };
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

function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
