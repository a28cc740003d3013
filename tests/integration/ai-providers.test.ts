import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { APICallError, generateText, Output, streamText, type TextStreamPart, type ToolSet } from 'ai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clearDiscoveryCache } from '@/lib/ai/discovery';
import { listModels, resolveModel } from '@/lib/ai/registry';
import { DomainError } from '@/lib/errors';
import { startFakeOpenAI, type FakeOpenAI } from '../fixtures/fake-openai';

// Talks to a real HTTP server (the fake OpenAI) through the real AI SDK clients; no database.
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.stop();
});

const ENV_KEYS = [
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'OPENAI_MODELS',
  'OPENAI_COMPATIBLE_BASE_URL',
  'OPENAI_COMPATIBLE_API_KEY',
  'OPENAI_COMPATIBLE_MODELS',
  'MODEL_DISCOVERY_TIMEOUT_MS',
];
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
beforeEach(() => {
  fake.reset();
  clearDiscoveryCache();
  for (const k of ENV_KEYS) delete process.env[k];
});
afterEach(() => {
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
});

function compatibleModel(apiKey?: string) {
  return createOpenAICompatible({ name: 'compatible', baseURL: fake.baseURL, apiKey, includeUsage: true }).chatModel('fake-small');
}

type Observed = { deltas: string[]; parts: TextStreamPart<ToolSet>[]; thrown: unknown; onError: unknown[] };

/** Consumes `result.stream` the way the chat route will, recording what a caller can observe. */
async function observe(options: Partial<Parameters<typeof streamText>[0]> = {}): Promise<Observed> {
  const onError: unknown[] = [];
  const result = streamText({
    model: compatibleModel(),
    instructions: 'You are Aria.',
    messages: [{ role: 'user', content: 'Hello?' }],
    maxRetries: 0,
    onError: ({ error }) => void onError.push(error),
    ...options,
  } as Parameters<typeof streamText>[0]);
  const observed: Observed = { deltas: [], parts: [], thrown: undefined, onError };
  try {
    for await (const part of result.stream) {
      observed.parts.push(part);
      if (part.type === 'text-delta') observed.deltas.push(part.text);
    }
  } catch (err) {
    observed.thrown = err;
  }
  return observed;
}

const partOf = <T extends TextStreamPart<ToolSet>['type']>(o: Observed, type: T) =>
  o.parts.find((p) => p.type === type) as Extract<TextStreamPart<ToolSet>, { type: T }> | undefined;

describe('OpenAI-compatible provider through the fake server', () => {
  it('streams the scripted text in several parts and reports the usage the server sent', async () => {
    fake.setScript({ text: 'Hello there, traveller.', usage: { prompt_tokens: 42, completion_tokens: 5 } });
    const o = await observe();
    expect(o.deltas).toEqual(['Hello ', 'there, ', 'traveller.']);
    const finish = partOf(o, 'finish');
    expect(finish?.finishReason).toBe('stop');
    expect(finish?.totalUsage.inputTokens).toBe(42);
    expect(finish?.totalUsage.outputTokens).toBe(5);
    expect(o.thrown).toBeUndefined();

    const [request] = fake.chatRequests();
    expect(request?.model).toBe('fake-small');
    expect(request?.stream_options).toEqual({ include_usage: true });
    expect(request?.messages).toEqual([
      { role: 'system', content: 'You are Aria.' },
      { role: 'user', content: 'Hello?' },
    ]);
  });

  it('sends no Authorization header without a key, and a Bearer token with one', async () => {
    await observe();
    await observe({ model: compatibleModel('sk-local') });
    const [first, second] = fake.requests();
    expect(first?.headers.authorization).toBeUndefined();
    expect(second?.headers.authorization).toBe('Bearer sk-local');
  });

  it.each([
    [401, 'Incorrect API key provided.'],
    [429, 'Rate limit reached for requests.'],
    [500, 'The server had an error while processing your request.'],
  ])('surfaces HTTP %i as an error part carrying the status, with no text', async (status, message) => {
    fake.setScript({ status, retryAfterSeconds: 0 });
    const o = await observe();
    const error = partOf(o, 'error')?.error;
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(status);
    expect((error as APICallError).message).toBe(message);
    expect(o.onError).toHaveLength(1);
    expect(o.deltas).toEqual([]);
    expect(partOf(o, 'finish')).toBeUndefined();
  });

  it('retries a 429 (honouring retry-after) and then streams the reply', async () => {
    fake.enqueue({ status: 429, retryAfterSeconds: 0 });
    fake.setScript({ text: 'Second time lucky.' });
    const o = await observe({ maxRetries: 1 });
    expect(o.deltas.join('')).toBe('Second time lucky.');
    expect(fake.chatRequests()).toHaveLength(2);
  });

  it('gives up after the retries with a RetryError that holds the last status', async () => {
    fake.setScript({ status: 500, retryAfterSeconds: 0 });
    const o = await observe({ maxRetries: 1 });
    const error = partOf(o, 'error')?.error as { name: string; lastError?: APICallError };
    expect(error.name).toBe('AI_RetryError');
    expect(error.lastError?.statusCode).toBe(500);
    expect(fake.chatRequests()).toHaveLength(2);
  });

  it('a stream that breaks off keeps the text that arrived and throws while iterating, without onError', async () => {
    fake.setScript({ text: 'one two three four five', breakAfterTokens: 2 });
    const o = await observe();
    expect(o.deltas).toEqual(['one ', 'two ']);
    expect(APICallError.isInstance(o.thrown)).toBe(true);
    expect((o.thrown as Error).message).toMatch(/Failed to process successful response/);
    expect(o.onError).toEqual([]);
    expect(partOf(o, 'finish')).toBeUndefined();
  });

  it('a server that never answers ends in an abort part once the timeout passes', async () => {
    fake.setScript({ hang: true });
    const started = Date.now();
    const o = await observe({ timeout: { totalMs: 300 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(partOf(o, 'abort')).toBeDefined();
    expect(o.deltas).toEqual([]);
    expect(partOf(o, 'finish')).toBeUndefined();
  });

  it('a stream that stalls mid-way ends in an abort part after the chunk timeout, keeping the text so far', async () => {
    fake.setScript({ text: 'one two three', stallAfterTokens: 1 });
    const o = await observe({ timeout: { chunkMs: 300 } });
    expect(o.deltas).toEqual(['one ']);
    expect(partOf(o, 'abort')).toBeDefined();
  });

  it('returns the scripted JSON for a structured-output request', async () => {
    fake.setScript({ text: 'not json', json: '{"name":"Ada","city":"Lisbon"}' });
    const result = await generateText({
      model: compatibleModel(),
      prompt: 'Extract.',
      output: Output.object({ schema: z.object({ name: z.string(), city: z.string() }) }),
      maxRetries: 0,
    });
    expect(result.output).toEqual({ name: 'Ada', city: 'Lisbon' });
    expect(fake.chatRequests()[0]?.response_format).toEqual({ type: 'json_object' });
  });
});

describe('provider registry against the fake server', () => {
  it('lists the models an OpenAI-compatible server reports at /models, and caches the answer', async () => {
    process.env.OPENAI_COMPATIBLE_BASE_URL = fake.baseURL;
    fake.setModels({ ids: ['llama3', 'qwen2.5:7b'] });
    const first = await listModels();
    const compatible = first.models.filter((m) => m.kind === 'compatible');
    expect(compatible.map((m) => [m.id, m.available])).toEqual([
      ['compatible:llama3', true],
      ['compatible:qwen2.5:7b', true],
    ]);
    expect(first.providers.find((p) => p.kind === 'compatible')).toEqual({ kind: 'compatible', available: true, unavailable: null });
    await listModels();
    expect(fake.requests().filter((r) => r.path === '/models')).toHaveLength(1);
  });

  it('uses OPENAI_COMPATIBLE_MODELS without asking the server', async () => {
    process.env.OPENAI_COMPATIBLE_BASE_URL = fake.baseURL;
    process.env.OPENAI_COMPATIBLE_MODELS = 'mistral, llama3';
    const { models } = await listModels();
    expect(models.filter((m) => m.kind === 'compatible').map((m) => m.id)).toEqual(['compatible:mistral', 'compatible:llama3']);
    expect(fake.requests()).toEqual([]);
  });

  it('reports a failing /models as "unavailable: <reason>"', async () => {
    process.env.OPENAI_COMPATIBLE_BASE_URL = fake.baseURL;
    fake.setModels({ status: 500 });
    const { providers } = await listModels();
    expect(providers.find((p) => p.kind === 'compatible')?.unavailable).toEqual({
      code: 'discovery_failed',
      message: 'unavailable: GET /models answered HTTP 500',
    });
  });

  it('gives up on a slow /models after the timeout', async () => {
    process.env.OPENAI_COMPATIBLE_BASE_URL = fake.baseURL;
    process.env.MODEL_DISCOVERY_TIMEOUT_MS = '200';
    fake.setModels({ delayMs: 2_000 });
    const started = Date.now();
    const { providers } = await listModels();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(providers.find((p) => p.kind === 'compatible')?.unavailable?.message).toBe(
      'unavailable: GET /models timed out after 200 ms',
    );
  });

  it('reports a server that is not there by its network error', async () => {
    const gone = await startFakeOpenAI();
    await gone.stop();
    process.env.OPENAI_COMPATIBLE_BASE_URL = gone.baseURL;
    const { providers } = await listModels();
    expect(providers.find((p) => p.kind === 'compatible')?.unavailable?.message).toBe('unavailable: ECONNREFUSED');
  });

  it('resolves compatible:<id> to a model that streams from the configured server', async () => {
    process.env.OPENAI_COMPATIBLE_BASE_URL = fake.baseURL;
    process.env.OPENAI_COMPATIBLE_API_KEY = 'sk-compat';
    fake.setScript({ text: 'From the registry.' });
    const o = await observe({ model: resolveModel('compatible:llama3') });
    expect(o.deltas.join('')).toBe('From the registry.');
    const [request] = fake.requests();
    expect(request?.path).toBe('/chat/completions');
    expect((request?.body as { model: string }).model).toBe('llama3');
    expect(request?.headers.authorization).toBe('Bearer sk-compat');
  });

  it('resolves openai:<id> to the real @ai-sdk/openai client on Chat Completions', async () => {
    process.env.OPENAI_API_KEY = 'sk-test';
    process.env.OPENAI_BASE_URL = fake.baseURL;
    fake.setScript({ text: 'Through the OpenAI client.', usage: { prompt_tokens: 9, completion_tokens: 4 } });
    const o = await observe({ model: resolveModel('openai:gpt-4o-mini') });
    expect(o.deltas.join('')).toBe('Through the OpenAI client.');
    expect(partOf(o, 'finish')?.totalUsage.inputTokens).toBe(9);
    const [request] = fake.requests();
    expect(request?.path).toBe('/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test');
  });

  it('refuses openai models when no key is set, and ids that name no model', () => {
    const noKey = (() => {
      try {
        resolveModel('openai:gpt-4o-mini');
      } catch (e) {
        return e;
      }
    })() as DomainError;
    expect(noKey).toBeInstanceOf(DomainError);
    expect(noKey.code).toBe('provider_error');
    expect(noKey.message).toBe('Model openai:gpt-4o-mini is unavailable: OPENAI_API_KEY is not set');
    expect(() => resolveModel('nonsense')).toThrow(DomainError);
    expect(() => resolveModel('offline:other')).toThrow('Unknown model offline:other');
  });
});
