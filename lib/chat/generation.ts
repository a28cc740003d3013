import { streamText, type LanguageModel, type ModelMessage, type UIMessageChunk } from 'ai';
import { classifyProviderError, type ProviderErrorCode } from './provider-errors';
import type { ReplyMetadata } from './schemas';

/** Checks model output as it streams; see lib/governance for the real one. */
export type OutputGuard = {
  /** Text that is safe to show now (a short tail may be held back), and whether the reply must stop. */
  push(delta: string): { emit: string; blocked: boolean };
  flush(): { emit: string; blocked: boolean };
};

export type GenerationStatus = 'complete' | 'stopped' | 'interrupted' | 'error' | 'blocked';

export type GenerationOutcome = {
  text: string;
  status: GenerationStatus;
  error: { code: ProviderErrorCode; message: string } | null;
  finishReason: string | null;
  usage: { inputTokens?: number; outputTokens?: number } | null;
  ttftMs: number | null;
  totalMs: number;
};

export type GenerationInput = {
  model: LanguageModel;
  /** The assembled prompt as the AI SDK takes it (see toCallPrompt in lib/ai/prompt.ts). */
  prompt: { instructions: string; messages: ModelMessage[]; allowSystemInMessages?: boolean };
  temperature?: number;
  maxOutputTokens?: number;
  /** Aborted when the user presses Stop (not when the browser goes away: then we keep going). */
  stopSignal: AbortSignal;
  guard?: OutputGuard;
  refusal: string;
  metadata: ReplyMetadata;
  /** Stores the outcome; runs before the browser hears "finish", so a refresh sees the stored reply. */
  onDone: (outcome: GenerationOutcome) => Promise<void>;
  /** Persists partial text now and then, so a reload mid-stream shows what has arrived. */
  onProgress?: (text: string) => Promise<void>;
  firstTokenTimeoutMs?: number;
  idleTimeoutMs?: number;
  maxRetries?: number;
};

const PROGRESS_EVERY_MS = 1000;

/**
 * Runs one model call to its end regardless of the browser: the returned stream feeds the browser while it
 * listens; if it leaves, the call goes on and the reply is still stored. `done` settles once it is stored.
 */
export function runGeneration(input: GenerationInput): { stream: ReadableStream<UIMessageChunk>; done: Promise<GenerationOutcome> } {
  let controller!: ReadableStreamDefaultController<UIMessageChunk>;
  let listening = true;
  const stream = new ReadableStream<UIMessageChunk>({
    start(c) {
      controller = c;
    },
    cancel() {
      listening = false;
    },
  });
  const emit = (chunk: UIMessageChunk) => {
    if (!listening) return;
    try {
      controller.enqueue(chunk);
    } catch {
      listening = false;
    }
  };
  const done = drive(input, emit).finally(() => {
    if (listening) {
      try {
        controller.close();
      } catch {}
    }
  });
  return { stream, done };
}

async function drive(input: GenerationInput, emit: (c: UIMessageChunk) => void): Promise<GenerationOutcome> {
  const started = performance.now();
  const textId = `${input.metadata.messageId}-text`;
  const abort = new AbortController();
  let abortReason: 'stop' | 'timeout' | null = null;
  const onStop = () => {
    abortReason ??= 'stop';
    abort.abort();
  };
  if (input.stopSignal.aborted) onStop();
  input.stopSignal.addEventListener('abort', onStop, { once: true });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (ms: number | undefined) => {
    clearTimeout(timer);
    if (ms) {
      timer = setTimeout(() => {
        abortReason ??= 'timeout';
        abort.abort();
      }, ms);
    }
  };
  arm(input.firstTokenTimeoutMs ?? 60_000);

  emit({ type: 'start', messageId: input.metadata.messageId, messageMetadata: input.metadata });
  emit({ type: 'text-start', id: textId });

  let text = '';
  let ttftMs: number | null = null;
  let status: GenerationStatus = 'complete';
  let error: GenerationOutcome['error'] = null;
  let finishReason: string | null = null;
  let usage: GenerationOutcome['usage'] = null;
  let lastProgress = performance.now();
  let progress: Promise<void> = Promise.resolve();

  const show = (piece: string) => {
    if (!piece) return;
    if (ttftMs === null) ttftMs = performance.now() - started;
    text += piece;
    emit({ type: 'text-delta', id: textId, delta: piece });
    if (input.onProgress && performance.now() - lastProgress > PROGRESS_EVERY_MS) {
      lastProgress = performance.now();
      const snapshot = text;
      // Off the hot path: one write in flight at a time, never awaited by the stream.
      progress = progress.then(() => input.onProgress!(snapshot)).catch(() => {});
    }
  };

  try {
    const result = streamText({
      model: input.model,
      ...input.prompt,
      temperature: input.temperature,
      maxOutputTokens: input.maxOutputTokens,
      maxRetries: input.maxRetries ?? 2,
      abortSignal: abort.signal,
      // Errors are handled below from the stream itself; this keeps the SDK from printing them.
      onError: () => {},
    });
    loop: for await (const part of result.stream) {
      switch (part.type) {
        case 'text-delta': {
          arm(input.idleTimeoutMs ?? 30_000);
          if (!input.guard) {
            show(part.text);
            break;
          }
          const checked = input.guard.push(part.text);
          show(checked.emit);
          if (checked.blocked) {
            status = 'blocked';
            abort.abort();
            break loop;
          }
          break;
        }
        case 'finish':
          finishReason = part.finishReason;
          usage = { inputTokens: part.totalUsage.inputTokens, outputTokens: part.totalUsage.outputTokens };
          break;
        case 'error':
          error = classifyProviderError(part.error);
          status = 'error';
          break loop;
        case 'abort':
          break loop;
      }
    }
  } catch (err) {
    if (abortReason === null && status !== 'blocked') {
      error = classifyProviderError(err);
      status = 'error';
    }
  } finally {
    clearTimeout(timer);
    input.stopSignal.removeEventListener('abort', onStop);
  }

  // Whatever arrived is kept, however the call ended: the guard's held-back tail is checked and released too.
  if (input.guard && status !== 'blocked') {
    const tail = input.guard.flush();
    show(tail.emit);
    if (tail.blocked) status = 'blocked';
  }
  // A failure after some text keeps that text as an interrupted reply; before any, it is an error.
  if (status === 'error' && text) status = 'interrupted';
  if (status !== 'blocked' && abortReason === 'stop') status = 'stopped';
  if (status !== 'blocked' && abortReason === 'timeout') {
    status = text ? 'interrupted' : 'error';
    error = { code: 'timeout', message: 'The model took too long to answer' };
  }
  if (status === 'blocked') {
    // What was shown is replaced by the refusal, in the browser and in what is stored.
    text = input.refusal;
    emit({ type: 'text-delta', id: textId, delta: `\n\n${input.refusal}` });
  }

  const outcome: GenerationOutcome = {
    text,
    status,
    error,
    finishReason,
    usage,
    ttftMs,
    totalMs: performance.now() - started,
  };
  await progress;
  await input.onDone(outcome);
  emit({ type: 'text-end', id: textId });
  if (error) emit({ type: 'error', errorText: error.code });
  else emit({ type: 'finish', messageMetadata: { ...input.metadata, status } });
  return outcome;
}

/** A reply decided without calling a model (input refused, model unavailable): stored, then sent in one go. */
export function immediateReply(
  outcome: GenerationOutcome,
  metadata: ReplyMetadata,
  store: (o: GenerationOutcome) => Promise<void>,
): { stream: ReadableStream<UIMessageChunk>; done: Promise<GenerationOutcome> } {
  const done = store(outcome).then(() => outcome);
  const textId = `${metadata.messageId}-text`;
  const stream = new ReadableStream<UIMessageChunk>({
    async start(c) {
      await done;
      c.enqueue({ type: 'start', messageId: metadata.messageId, messageMetadata: metadata });
      if (outcome.text) {
        c.enqueue({ type: 'text-start', id: textId });
        c.enqueue({ type: 'text-delta', id: textId, delta: outcome.text });
        c.enqueue({ type: 'text-end', id: textId });
      }
      c.enqueue(outcome.error ? { type: 'error', errorText: outcome.error.code } : { type: 'finish', messageMetadata: { ...metadata, status: outcome.status } });
      c.close();
    },
  });
  return { stream, done };
}
