/**
 * Figures for the AI layer alone, as baselines for bench/chat-stream:
 *   - prompt assembly time for a long chat (300 messages, 100 lorebook entries, 50 memories);
 *   - time to first token straight from the fake OpenAI server with the fixed script (first token at once,
 *     then 20 tokens 5 ms apart): by raw fetch, and through @ai-sdk/openai-compatible + streamText;
 *   - time to first token of the offline model with no pacing, through streamText.
 * Run: npx tsx bench/ai-layer.ts [--n 300]
 */
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { streamText } from 'ai';
import { createOfflineModel } from '@/lib/ai/offline-model';
import { assemblePrompt, toCallPrompt, type PromptInput } from '@/lib/ai/prompt';
import { startFakeOpenAI } from '../tests/fixtures/fake-openai';

const n = Number(process.argv[process.argv.indexOf('--n') + 1]) || 300;
export const FIXED_SCRIPT = { tokens: Array.from({ length: 21 }, (_, i) => `t${i} `), firstTokenDelayMs: 0, tokenDelayMs: 5 };

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: +at(0.5).toFixed(3), p99: +at(0.99).toFixed(3), n: sorted.length };
}

async function measure(label: string, run: () => Promise<void>, count = n) {
  for (let i = 0; i < Math.min(20, count); i++) await run(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return [label, percentiles(samples)] as const;
}

const bigInput: PromptInput = {
  persona: {
    name: 'Aria',
    description: 'A guide. '.repeat(50),
    personality: 'cheerful',
    lorebook: Array.from({ length: 100 }, (_, i) => ({ keys: [`key${i}`, `钥匙${i}`], content: `Entry ${i}. `.repeat(20), order: i })),
  },
  userName: 'Sam',
  memories: Array.from({ length: 50 }, (_, i) => `The user remembers fact ${i}`),
  history: Array.from({ length: 300 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', text: `message ${i} key${i % 100} `.repeat(10) }) as const),
  contextWindow: 8192,
  maxOutputTokens: 512,
};

const fake = await startFakeOpenAI({ script: FIXED_SCRIPT });
const compatible = createOpenAICompatible({ name: 'compatible', baseURL: fake.baseURL, includeUsage: true });
const offline = createOfflineModel('persona-1', { delayMs: 0 });
const small = toCallPrompt(assemblePrompt({ ...bigInput, history: [{ role: 'user', text: 'Hello!' }] }));

async function firstDeltaOf(stream: AsyncIterable<{ type: string }>) {
  for await (const part of stream) if (part.type === 'text-delta') break;
}

const results = Object.fromEntries([
  await measure('assemblePrompt (300 msgs, 100 lore, 50 memories) ms', async () => void assemblePrompt(bigInput)),
  await measure('fake server TTFT, raw fetch ms', async () => {
    const res = await fetch(`${fake.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'fake-small', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    for (let text = ''; !text.includes('"content":"t0 '); ) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
  }),
  await measure('fake server TTFT, AI SDK openai-compatible ms', async () => {
    const result = streamText({ model: compatible.chatModel('fake-small'), ...small, maxRetries: 0 });
    await firstDeltaOf(result.stream);
  }),
  await measure('offline model TTFT (no pacing), AI SDK ms', async () => {
    const result = streamText({ model: offline, ...small });
    await firstDeltaOf(result.stream);
  }),
]);
await fake.stop();
console.log(JSON.stringify(results, null, 2));
