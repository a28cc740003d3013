import { generateText, Output, streamText } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOfflineModel, splitForStreaming } from '@/lib/ai/offline-model';
import { secondPersonEn, secondPersonZh } from '@/lib/ai/offline-reply';
import { assemblePrompt, toCallPrompt, type PersonaPromptProfile, type PromptInput } from '@/lib/ai/prompt';
import { estimateTokens } from '@/lib/ai/tokens';

const aria: PersonaPromptProfile = {
  name: 'Aria',
  description: 'A guide from Eldoria.',
  personality: 'cheerful and warm',
  lorebook: [{ keys: ['dragon', '龙'], content: 'Dragons sleep under the Glass Mountain. 龙在玻璃山下沉睡。' }],
};

function prompt(userText: string, over: Partial<PromptInput> = {}) {
  return toCallPrompt(
    assemblePrompt({
      persona: aria,
      userName: 'Sam',
      memories: ['The user lives in Lisbon', "The user's cat is called Mochi", '用户住在里斯本'],
      history: [{ role: 'user', text: userText }],
      contextWindow: 8192,
      maxOutputTokens: 512,
      ...over,
    }),
  );
}

const fast = () => createOfflineModel('persona-1', { delayMs: 0 });

async function reply(userText: string, over: Partial<PromptInput> = {}, seed?: number) {
  return (await generateText({ model: fast(), ...prompt(userText, over), seed })).text;
}

describe('offline model: what it says', () => {
  it('answers from a remembered fact the question touches, in English', async () => {
    const text = await reply('Where do I live?');
    expect(text).toContain('I remember that you live in Lisbon.');
    expect(text).not.toContain('Mochi');
  });

  it('answers from a remembered fact in Chinese when asked in Chinese', async () => {
    const text = await reply('我住在哪里？');
    expect(text).toContain('我记得，你住在里斯本。');
    expect(text).not.toMatch(/remember|Lisbon/);
  });

  it('picks the fact that matches, not the first one', async () => {
    expect(await reply("What is my cat's name?")).toContain('your cat is called Mochi');
  });

  it('does not claim a memory when nothing matches, and echoes the message instead', async () => {
    const text = await reply('I had a long day at work.');
    expect(text).not.toMatch(/remember|Lisbon|Mochi/);
    expect(text).toContain('You said: “I had a long day at work.”');
  });

  it('knows nothing that is not in its prompt', async () => {
    expect(await reply('Where do I live?', { memories: [] })).not.toContain('Lisbon');
  });

  it('uses an activated lorebook entry the message touches', async () => {
    expect(await reply('Tell me about the dragon.')).toContain('Here is what I know: Dragons sleep under the Glass Mountain.');
    expect(await reply('龙在哪里？')).toContain('据我所知：');
  });

  it('speaks as the persona: its name and a voice drawn from its personality', async () => {
    const cheerful = await reply('Hello!');
    const grumpy = await reply('Hello!', { persona: { ...aria, personality: 'grumpy and sarcastic' } });
    expect(cheerful).toMatch(/^\*Aria (smiles brightly|beams|laughs softly)\.\*/);
    expect(cheerful).toContain("Hello, Sam! I'm Aria.");
    expect(grumpy).toMatch(/^\*Aria (crosses their arms|sighs|rolls their eyes)\.\*/);
    expect(grumpy).toContain('Anything else, or are we done?');
    const named = await reply('Hello!', { persona: { name: '小龙', description: '一位温柔的向导' } });
    expect(named).toContain("I'm 小龙");
  });

  it('answers in Chinese when the user writes Chinese', async () => {
    const text = await reply('你好');
    expect(text).toContain('你好，Sam！我是Aria。');
    expect(text).toContain('再多跟我说说吧！');
  });

  it('is deterministic for the same prompt and seed, and words it differently for another seed', async () => {
    const a = await reply('Where do I live?', {}, 1);
    expect(await reply('Where do I live?', {}, 1)).toBe(a);
    expect(await reply('Where do I live?', {}, 2)).not.toBe(a);
  });

  it('reads the last user message, not earlier ones', async () => {
    const text = await reply('', {
      history: [
        { role: 'user', text: 'Where do I live?' },
        { role: 'assistant', text: 'Let me think.' },
        { role: 'user', text: 'Never mind. Hello!' },
      ],
    });
    expect(text).not.toContain('Lisbon');
  });

  it('turns third-person facts into second person', () => {
    expect(secondPersonEn('The user lives in Lisbon.')).toBe('you live in Lisbon');
    expect(secondPersonEn('User is a nurse')).toBe('you are a nurse');
    expect(secondPersonEn('Ada also studies maths', 'Ada')).toBe('you also study maths');
    expect(secondPersonEn("The user's sister is Eve")).toBe('your sister is Eve');
    expect(secondPersonEn('I like tea and my dog')).toBe('you like tea and your dog');
    expect(secondPersonZh('用户住在里斯本。')).toBe('你住在里斯本');
    expect(secondPersonZh('小明喜欢猫', '小明')).toBe('你喜欢猫');
  });
});

describe('offline model: how it streams', () => {
  it('streams English word by word and Chinese character by character', async () => {
    expect(splitForStreaming('Hello, world! 你好，世界。')).toEqual(['Hello, ', 'world! ', '你', '好，', '世', '界。']);
    const result = streamText({ model: fast(), ...prompt('我住在哪里？') });
    const deltas: string[] = [];
    for await (const part of result.stream) if (part.type === 'text-delta') deltas.push(part.text);
    expect(deltas.length).toBeGreaterThan(10);
    expect(deltas).toContain('里');
    expect(deltas.join('')).toBe(await reply('我住在哪里？'));
  });

  it('reports estimated usage', async () => {
    const result = await generateText({ model: fast(), ...prompt('Where do I live?') });
    expect(result.usage.outputTokens).toBe(estimateTokens(result.text));
    expect(result.usage.inputTokens).toBeGreaterThan(estimateTokens(prompt('Where do I live?').instructions));
    expect(result.finishReason).toBe('stop');
  });

  it('paces its parts by the configured delay', async () => {
    const model = createOfflineModel('persona-1', { delayMs: 20 });
    const started = Date.now();
    const result = streamText({ model, ...prompt('Hello!') });
    let parts = 0;
    for await (const part of result.stream) if (part.type === 'text-delta') parts++;
    expect(Date.now() - started).toBeGreaterThanOrEqual(parts * 20 * 0.9);
  });

  it('takes its pace from OFFLINE_MODEL_DELAY_MS', async () => {
    process.env.OFFLINE_MODEL_DELAY_MS = '30';
    const started = Date.now();
    await generateText({ model: createOfflineModel(), ...prompt('Hello!') }); // doGenerate does not wait
    const result = streamText({ model: createOfflineModel(), ...prompt('Hello!') });
    let parts = 0;
    for await (const part of result.stream) if (part.type === 'text-delta') parts++;
    expect(Date.now() - started).toBeGreaterThanOrEqual(parts * 30 * 0.9);
  });

  it('stops when aborted, keeping what was sent', async () => {
    const controller = new AbortController();
    const result = streamText({ model: createOfflineModel('persona-1', { delayMs: 5 }), ...prompt('Hello!'), abortSignal: controller.signal });
    const seen: string[] = [];
    for await (const part of result.stream) {
      seen.push(part.type);
      if (part.type === 'text-delta' && seen.filter((t) => t === 'text-delta').length === 2) controller.abort();
    }
    expect(seen.filter((t) => t === 'text-delta')).toHaveLength(2);
    expect(seen.at(-1)).toBe('abort');
    expect(seen).not.toContain('finish');
  });

  it('rejects at once when the signal is already aborted', async () => {
    const model = createOfflineModel('persona-1', { delayMs: 0 });
    const signal = AbortSignal.abort();
    await expect(model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], abortSignal: signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('ends with finish reason length when maxOutputTokens cuts the reply', async () => {
    const result = await generateText({ model: fast(), ...prompt('Where do I live?'), maxOutputTokens: 5 });
    expect(result.finishReason).toBe('length');
    expect(result.usage.outputTokens).toBeLessThanOrEqual(5);
  });

  it('returns JSON that fits the schema in JSON mode', async () => {
    const schema = z.object({
      operations: z.array(z.object({ op: z.enum(['ADD', 'NONE']), text: z.string() })),
      done: z.boolean(),
      label: z.enum(['ok', 'no']),
    });
    const result = await generateText({ model: fast(), ...prompt('I live in Porto.'), output: Output.object({ schema }) });
    expect(result.output).toEqual({ operations: [], done: false, label: 'ok' });
  });
});

afterEach(() => {
  delete process.env.OFFLINE_MODEL_DELAY_MS;
});
