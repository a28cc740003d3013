import type {
  JSONSchema7,
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { composeOfflineReply } from './offline-reply';
import { estimateMessageTokens, estimateTokens } from './tokens';

export const OFFLINE_PROVIDER = 'offline';
export const OFFLINE_MODEL_ID = 'persona-1';
export const DEFAULT_OFFLINE_DELAY_MS = 15;

export type OfflineModelOptions = {
  /** Pause before each streamed piece. Default: env OFFLINE_MODEL_DELAY_MS, else 15 ms. */
  delayMs?: number;
};

/**
 * A deterministic language model that needs no network or key: it answers from the prompt it is given (persona,
 * memories and lorebook sections as lib/ai/prompt.ts writes them, and the latest user message), in the user's
 * language, streaming word by word (CJK character by character). Usage figures are estimates (lib/ai/tokens.ts).
 * The same prompt and seed give the same reply; another `seed` gives another wording.
 */
export class OfflineLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4' as const;
  readonly provider = OFFLINE_PROVIDER;
  readonly modelId: string;
  readonly supportedUrls: Record<string, RegExp[]> = {};

  constructor(
    modelId = OFFLINE_MODEL_ID,
    private readonly options: OfflineModelOptions = {},
  ) {
    this.modelId = modelId;
  }

  private get delayMs(): number {
    if (this.options.delayMs !== undefined) return this.options.delayMs;
    const fromEnv = Number(process.env.OFFLINE_MODEL_DELAY_MS);
    return Number.isFinite(fromEnv) && fromEnv >= 0 && process.env.OFFLINE_MODEL_DELAY_MS !== '' ? fromEnv : DEFAULT_OFFLINE_DELAY_MS;
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    throwIfAborted(options.abortSignal);
    const { pieces, finish, usage } = this.respond(options);
    return {
      content: [{ type: 'text', text: pieces.join('') }],
      finishReason: { unified: finish, raw: finish },
      usage,
      response: { id: responseId(), modelId: this.modelId, timestamp: new Date() },
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const signal = options.abortSignal;
    throwIfAborted(signal);
    const { pieces, finish, usage } = this.respond(options);
    const delayMs = this.delayMs;
    const modelId = this.modelId;
    const cancelled = new AbortController();
    let next = 0;
    const stream = new ReadableStream<LanguageModelV4StreamPart>({
      start(controller) {
        controller.enqueue({ type: 'stream-start', warnings: [] });
        controller.enqueue({ type: 'response-metadata', id: responseId(), modelId, timestamp: new Date() });
        controller.enqueue({ type: 'text-start', id: 'text-0' });
      },
      async pull(controller) {
        try {
          await sleep(delayMs, signal, cancelled.signal);
        } catch (err) {
          if (!cancelled.signal.aborted) controller.error(err);
          return;
        }
        if (next < pieces.length) {
          controller.enqueue({ type: 'text-delta', id: 'text-0', delta: pieces[next++]! });
          return;
        }
        controller.enqueue({ type: 'text-end', id: 'text-0' });
        controller.enqueue({ type: 'finish', finishReason: { unified: finish, raw: finish }, usage });
        controller.close();
      },
      cancel() {
        cancelled.abort();
      },
    });
    return { stream };
  }

  /** The whole reply, cut into streamable pieces and trimmed to maxOutputTokens. */
  private respond(options: LanguageModelV4CallOptions) {
    const view = viewOf(options.prompt);
    const json = options.responseFormat?.type === 'json';
    const reply = composeOfflineReply(view, options.seed ?? 0).text;
    const text = json
      ? JSON.stringify(options.responseFormat?.type === 'json' && options.responseFormat.schema ? skeleton(options.responseFormat.schema) : { reply })
      : reply;
    let pieces = json ? [text] : splitForStreaming(text);
    let finish: 'stop' | 'length' = 'stop';
    const limit = options.maxOutputTokens;
    if (limit !== undefined && !json) {
      let spent = 0;
      const kept = pieces.filter((piece) => (spent += estimateTokens(piece)) <= limit);
      if (kept.length < pieces.length) [pieces, finish] = [kept, 'length'];
    }
    const outputTokens = estimateTokens(pieces.join(''));
    const inputTokens = promptTokens(options.prompt);
    const usage: LanguageModelV4Usage = {
      inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: outputTokens, text: outputTokens, reasoning: undefined },
    };
    return { pieces, finish, usage };
  }
}

export function createOfflineModel(modelId = OFFLINE_MODEL_ID, options?: OfflineModelOptions): OfflineLanguageModel {
  return new OfflineLanguageModel(modelId, options);
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: { type?: string; text?: string }) => (part.type === 'text' ? (part.text ?? '') : ''))
    .join('');
}

/** All system text (instructions and any post-history system message) and the latest user message. */
export function viewOf(prompt: LanguageModelV4Prompt) {
  const system = prompt
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n');
  const lastUser = [...prompt].reverse().find((m) => m.role === 'user');
  return { system, lastUserText: lastUser ? textOf(lastUser.content) : '' };
}

function promptTokens(prompt: LanguageModelV4Prompt): number {
  return prompt.reduce((sum, m) => sum + estimateMessageTokens(textOf(m.content)), 0);
}

const IDEOGRAPH = '\\u1100-\\u11ff\\u2e80-\\u2fdf\\u3040-\\u30ff\\u3100-\\u31ff\\u3200-\\u9fff\\uac00-\\ud7ff\\uf900-\\ufaff';
const CJK_PUNCTUATION = '\\u3000-\\u303f\\ufe30-\\ufe4f\\uff00-\\uffef';
const STREAM_PIECE = new RegExp(
  `[${IDEOGRAPH}][${CJK_PUNCTUATION}]*\\s*|[^\\s${IDEOGRAPH}${CJK_PUNCTUATION}]+[${CJK_PUNCTUATION}]*\\s*|[${CJK_PUNCTUATION}]+\\s*|\\s+`,
  'gu',
);

/** Words with their trailing space; each CJK character on its own, CJK punctuation riding with what precedes it. */
export function splitForStreaming(text: string): string[] {
  return text.match(STREAM_PIECE) ?? [];
}

/** The simplest value that fits a JSON schema: empty strings, zero, false, empty arrays, first enum value. */
export function skeleton(schema: JSONSchema7 | boolean, depth = 0): unknown {
  if (typeof schema === 'boolean' || depth > 8) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const alternative = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
  if (alternative !== undefined) return skeleton(alternative, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') ?? 'null' : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, value]) => [key, skeleton(value, depth + 1)]),
      );
    case 'array':
      return [];
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

function responseId(): string {
  return `offline-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function abortError(signal: AbortSignal): unknown {
  const reason = signal.reason;
  if (reason instanceof Error || (typeof DOMException === 'function' && reason instanceof DOMException)) return reason;
  return new DOMException('The operation was aborted.', 'AbortError');
}

function throwIfAborted(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw abortError(signal);
}

/** Waits `ms`; rejects at once if the caller's signal aborts, resolves early if the stream was cancelled. */
function sleep(ms: number, signal: AbortSignal | undefined, cancelled: AbortSignal): Promise<void> {
  throwIfAborted(signal);
  if (cancelled.aborted) return Promise.reject(cancelled.reason);
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      cancelled.removeEventListener('abort', onCancel);
    };
    const onAbort = () => {
      done();
      reject(abortError(signal!));
    };
    const onCancel = () => {
      done();
      reject(cancelled.reason);
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    cancelled.addEventListener('abort', onCancel, { once: true });
  });
}
