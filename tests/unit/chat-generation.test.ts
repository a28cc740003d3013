import type { UIMessageChunk } from 'ai';
import { MockLanguageModelV4, simulateReadableStream } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { runGeneration, type GenerationOutcome, type OutputGuard } from '@/lib/chat/generation';

type V4Part = Record<string, unknown> & { type: string };

function modelStreaming(words: string[], opts: { delayMs?: number; fail?: 'before' | 'midway' } = {}) {
  const chunks: V4Part[] = [{ type: 'stream-start', warnings: [] }, { type: 'text-start', id: 't' }];
  words.forEach((w, i) => {
    if (opts.fail === 'midway' && i === 2) chunks.push({ type: 'error', error: new Error('socket hang up: other side closed') });
    chunks.push({ type: 'text-delta', id: 't', delta: w });
  });
  chunks.push({ type: 'text-end', id: 't' });
  chunks.push({
    type: 'finish',
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: {
      inputTokens: { total: 12, noCache: 12, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: words.length, text: words.length, reasoning: 0 },
    },
  });
  return new MockLanguageModelV4({
    doStream: async () => {
      if (opts.fail === 'before') throw new Error('boom');
      return {
        stream: simulateReadableStream({ chunks: chunks as never[], chunkDelayInMs: opts.delayMs ?? 0 }),
      };
    },
  });
}

async function run(
  model: MockLanguageModelV4,
  extra: { guard?: OutputGuard; stopAfterMs?: number; readUntil?: number } = {},
) {
  const stop = new AbortController();
  const stored: GenerationOutcome[] = [];
  const events: string[] = [];
  const { stream, done } = runGeneration({
    model,
    prompt: { instructions: 'You are Ada.', messages: [{ role: 'user', content: 'hi' }] },
    stopSignal: stop.signal,
    guard: extra.guard,
    refusal: 'I can’t continue with that.',
    metadata: { messageId: 'm1', userMessageId: 'u1', parentId: 'u1' },
    maxRetries: 0,
    onDone: async (o) => {
      events.push('stored');
      stored.push(o);
    },
  });
  if (extra.stopAfterMs !== undefined) setTimeout(() => stop.abort(), extra.stopAfterMs);
  const chunks: UIMessageChunk[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done: end, value } = await reader.read();
    if (end) break;
    chunks.push(value);
    if (value.type === 'finish' || value.type === 'error') events.push(value.type);
    if (extra.readUntil !== undefined && chunks.length >= extra.readUntil) {
      await reader.cancel();
      break;
    }
  }
  const outcome = await done;
  return { chunks, outcome, stored, events };
}

const deltas = (chunks: UIMessageChunk[]) =>
  chunks.flatMap((c) => (c.type === 'text-delta' ? [c.delta] : [])).join('');

describe('one generation', () => {
  it('streams the reply and stores it before telling the browser it finished', async () => {
    const { chunks, outcome, events } = await run(modelStreaming(['Hello', ' there', ', friend.']));
    expect(deltas(chunks)).toBe('Hello there, friend.');
    expect(chunks[0]).toMatchObject({ type: 'start', messageId: 'm1' });
    expect(outcome).toMatchObject({ status: 'complete', text: 'Hello there, friend.', usage: { inputTokens: 12, outputTokens: 3 } });
    expect(outcome.ttftMs).not.toBeNull();
    expect(events).toEqual(['stored', 'finish']);
  });

  it('keeps going and stores the whole reply when the browser leaves mid-stream', async () => {
    const { outcome, stored } = await run(modelStreaming(['one ', 'two ', 'three ', 'four'], { delayMs: 5 }), { readUntil: 3 });
    expect(stored).toHaveLength(1);
    expect(outcome).toMatchObject({ status: 'complete', text: 'one two three four' });
  });

  it('stops when the user presses Stop and stores what had arrived', async () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i} `);
    const { outcome } = await run(modelStreaming(words, { delayMs: 10 }), { stopAfterMs: 60 });
    expect(outcome.status).toBe('stopped');
    expect(outcome.text.length).toBeGreaterThan(0);
    expect(outcome.text.length).toBeLessThan(words.join('').length);
  });

  it('records a provider failure before any text as an error the browser hears about', async () => {
    const { chunks, outcome } = await run(modelStreaming(['x'], { fail: 'before' }));
    expect(outcome.status).toBe('error');
    expect(chunks.at(-1)).toMatchObject({ type: 'error' });
  });

  it('keeps the partial text of a stream that breaks off, marked interrupted', async () => {
    const { outcome } = await run(modelStreaming(['Once ', 'upon ', 'a ', 'time'], { fail: 'midway' }));
    expect(outcome.status).toBe('interrupted');
    expect(outcome.text).toBe('Once upon ');
    expect(outcome.error?.code).toBe('broken_stream');
  });

  it('replaces a reply the output guard blocks with the refusal', async () => {
    const guard: OutputGuard = {
      push: (d) => ({ emit: d.includes('secret') ? '' : d, blocked: d.includes('secret') }),
      flush: () => ({ emit: '', blocked: false }),
    };
    const { chunks, outcome } = await run(modelStreaming(['fine ', 'secret ', 'more']), { guard });
    expect(outcome.status).toBe('blocked');
    expect(outcome.text).toBe('I can’t continue with that.');
    expect(deltas(chunks)).toContain('I can’t continue with that.');
    expect(deltas(chunks)).not.toContain('secret');
  });
});
