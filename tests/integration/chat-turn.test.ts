import type { UIMessageChunk } from 'ai';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { auditRecords, messages } from '@/db/schema';
import { registerUser } from '@/lib/auth/register';
import type { PublicUser } from '@/lib/auth/users';
import { getChatForUserOrThrow, listMessages } from '@/lib/chat/queries';
import { startChat } from '@/lib/chat/start';
import { requestStop } from '@/lib/chat/stop';
import { runChatTurn } from '@/lib/chat/turn';
import { verifyDatabase } from '@/lib/governance';
import { savePersonaBodySchema } from '@/lib/personas/profile';
import { createPersona } from '@/lib/personas/mutations';
import { startFakeOpenAI, type FakeOpenAI } from '../fixtures/fake-openai';
import { freshDb, uniqueEmail } from './db';

let fake: FakeOpenAI;
let db: Db;
let user: PublicUser;
let chatId: string;
let greetingId: string;
const ctx = { locale: 'en', requestId: 'test-request' };

beforeAll(async () => {
  fake = await startFakeOpenAI();
  process.env.OPENAI_COMPATIBLE_BASE_URL = fake.baseURL;
  process.env.OPENAI_COMPATIBLE_MODELS = 'fake-small';
  process.env.CHAT_PROVIDER_RETRIES = '0';
  process.env.CHAT_FIRST_TOKEN_TIMEOUT_MS = '600';
  process.env.CHAT_IDLE_TIMEOUT_MS = '600';
  process.env.MEMORY_EXTRACTION_TIMEOUT_MS = '600';
});
afterAll(async () => {
  await fake.stop();
});

beforeEach(async () => {
  db = await freshDb();
  fake.reset();
  user = await registerUser(db, { email: uniqueEmail('chat'), name: 'Ada', password: 'password123' });
  const persona = await createPersona(
    db,
    user,
    savePersonaBodySchema.parse({
      profile: { name: 'Mira', description: 'A sea captain.', greeting: 'Ahoy, {{user}}!' },
      model: { modelId: 'compatible:fake-small' },
    }),
  );
  const chat = await startChat(db, user, persona.id);
  chatId = chat.id;
  greetingId = chat.activeLeafId!;
});

/** The audit records of the model call that produced a reply: its start and its end. */
async function callRecords(messageId: string) {
  const rows = await db.select().from(auditRecords).where(eq(auditRecords.messageId, messageId));
  return {
    start: rows.find((r) => r.kind === 'generation.start'),
    end: rows.find((r) => r.kind === 'generation.end'),
  };
}

async function readAll(stream: ReadableStream<UIMessageChunk>, stopAfter?: number) {
  const reader = stream.getReader();
  const chunks: UIMessageChunk[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    if (stopAfter !== undefined && chunks.length >= stopAfter) {
      await reader.cancel(); // the browser goes away
      break;
    }
  }
  return chunks;
}

async function send(text: string, opts: { stopAfter?: number } = {}) {
  const turn = await runChatTurn(db, user, { action: 'send', chatId, parentId: greetingId, text }, ctx);
  const chunks = await readAll(turn.stream, opts.stopAfter);
  await turn.settled;
  const outcome = await turn.done;
  const rows = await listMessages(db, chatId);
  const reply = rows.find((m) => m.role === 'assistant' && m.kind !== 'greeting')!;
  const userMsg = rows.find((m) => m.role === 'user')!;
  return { chunks, outcome, reply, userMsg, rows };
}

describe('a chat turn against an OpenAI-compatible server, and what is stored', () => {
  it('stores the question and the whole streamed reply, with usage', async () => {
    fake.setScript({ text: 'Fair winds to you, Ada.', usage: { prompt_tokens: 42, completion_tokens: 6 } });
    const { reply, userMsg, chunks } = await send('Hello captain');
    expect(userMsg.text).toBe('Hello captain');
    expect(reply).toMatchObject({ text: 'Fair winds to you, Ada.', status: 'complete', parentId: userMsg.id, personaVersion: 1 });
    expect(reply.usage).toEqual({ inputTokens: 42, outputTokens: 6 });
    const { start, end } = await callRecords(reply.id);
    expect(start).toMatchObject({ personaVersion: 1, ownerId: user.id, actorId: user.id, modelId: 'compatible:fake-small' });
    expect(end).toMatchObject({ finish: 'stop', inputTokens: 42, outputTokens: 6, completesSeq: start!.seq });
    expect(end!.ttftMs).not.toBeNull();
    expect((await verifyDatabase(db)).ok).toBe(true);
    expect(chunks.some((c) => c.type === 'finish')).toBe(true);
    // The model saw the persona and the user's words.
    const sent = JSON.stringify(fake.chatRequests()[0]);
    expect(sent).toContain('Mira');
    expect(sent).toContain('Hello captain');
  });

  it('keeps consuming when the browser disconnects, and stores the whole reply', async () => {
    fake.setScript({ text: 'one two three four five six seven eight', tokenDelayMs: 20 });
    const { reply } = await send('Tell me something', { stopAfter: 3 });
    expect(reply).toMatchObject({ status: 'complete', text: 'one two three four five six seven eight' });
  });

  it.each([
    [401, 'provider_auth'],
    [429, 'provider_rate_limited'],
    [500, 'provider_unavailable'],
  ])('a provider %i is stored as an error with the user message kept', async (status, code) => {
    fake.setScript({ status, errorMessage: 'nope' });
    const { reply, userMsg, chunks } = await send('Are you there?');
    expect(userMsg.text).toBe('Are you there?');
    expect(reply.status).toBe('error');
    expect(reply.error?.code).toBe(code);
    expect(chunks.at(-1)).toEqual({ type: 'error', errorText: code });
    expect((await callRecords(reply.id)).end).toMatchObject({ finish: 'error' });
  });

  it('stores what arrived when the stream breaks off, marked interrupted', async () => {
    fake.setScript({ text: 'The storm came in fast and then', breakAfterTokens: 3 });
    const { reply } = await send('What happened?');
    expect(reply.status).toBe('interrupted');
    expect(reply.text).toBe('The storm came ');
    expect(reply.error?.code).toBe('broken_stream');
    expect((await callRecords(reply.id)).end).toMatchObject({ finish: 'error' });
  });

  it('gives up on a provider that never answers, with the user message already stored', async () => {
    fake.setScript({ hang: true });
    const turn = await runChatTurn(db, user, { action: 'send', chatId, parentId: greetingId, text: 'Hello?' }, ctx);
    // Stored before the model call completes: a reload now shows the question and a reply being written.
    const during = await listMessages(db, chatId);
    expect(during.find((m) => m.role === 'user')?.text).toBe('Hello?');
    expect(during.find((m) => m.role === 'assistant' && m.kind !== 'greeting')?.status).toBe('streaming');
    await readAll(turn.stream);
    await turn.settled;
    const [reply] = (await listMessages(db, chatId)).filter((m) => m.role === 'assistant' && m.kind !== 'greeting');
    expect(reply).toMatchObject({ status: 'error', error: { code: 'timeout' } });
    expect((await callRecords(reply!.id)).end).toMatchObject({ finish: 'error' });
  });

  it('stops on request and keeps the partial reply, marked stopped', async () => {
    fake.setScript({ text: Array.from({ length: 60 }, (_, i) => `w${i}`).join(' '), tokenDelayMs: 15 });
    const turn = await runChatTurn(db, user, { action: 'send', chatId, parentId: greetingId, text: 'Talk' }, ctx);
    const reader = turn.stream.getReader();
    let seen = 0;
    let replyId = '';
    while (seen < 5) {
      const { value } = await reader.read();
      if (value?.type === 'start') replyId = value.messageId!;
      if (value?.type === 'text-delta') seen++;
    }
    await requestStop(db, user.id, replyId);
    await turn.settled;
    const [reply] = await db.select().from(messages).where(eq(messages.id, replyId));
    expect(reply!.status).toBe('stopped');
    expect((await callRecords(replyId)).end).toMatchObject({ finish: 'aborted' });
    expect(reply!.text.split(' ').length).toBeGreaterThanOrEqual(5);
    expect(reply!.text.split(' ').length).toBeLessThan(60);
  });

  it('regenerates as a sibling and edits as a branch, deleting nothing', async () => {
    fake.setScript({ text: 'First answer.' });
    const first = await send('Question');
    fake.setScript({ text: 'Second answer.' });
    const regen = await runChatTurn(db, user, { action: 'regenerate', chatId, messageId: first.reply.id }, ctx);
    await readAll(regen.stream);
    await regen.settled;
    fake.setScript({ text: 'Answer to the edit.' });
    const edit = await runChatTurn(db, user, { action: 'edit', chatId, messageId: first.userMsg.id, text: 'Better question' }, ctx);
    await readAll(edit.stream);
    await edit.settled;
    const rows = await listMessages(db, chatId);
    const replies = rows.filter((m) => m.role === 'assistant' && m.kind !== 'greeting');
    expect(replies.map((r) => r.text).sort()).toEqual(['Answer to the edit.', 'First answer.', 'Second answer.']);
    expect(replies.filter((r) => r.parentId === first.userMsg.id)).toHaveLength(2);
    const users = rows.filter((m) => m.role === 'user');
    expect(users.map((u) => u.parentId)).toEqual([greetingId, greetingId]);
    expect((await getChatForUserOrThrow(db, user.id, chatId)).activeLeafId).toBe(
      replies.find((r) => r.text === 'Answer to the edit.')!.id,
    );
  });

  it('stores an error reply when the persona’s model is not configured', async () => {
    process.env.OPENAI_COMPATIBLE_BASE_URL = '';
    try {
      const { reply, userMsg } = await send('Anyone?');
      expect(userMsg.text).toBe('Anyone?');
      expect(reply).toMatchObject({ status: 'error', error: { code: 'provider_unavailable' } });
      expect((await callRecords(reply.id)).end).toMatchObject({ finish: 'error' });
    } finally {
      process.env.OPENAI_COMPATIBLE_BASE_URL = fake.baseURL;
    }
  });
});

describe('red lines in a chat turn', () => {
  it('stops a reply that trips an output block mid-stream, shows a refusal, and records why', async () => {
    fake.setScript({ text: 'Sure. Here is how to kill yourself quickly and more words after', tokenDelayMs: 2 });
    const { reply, chunks } = await send('Tell me something');
    expect(reply.status).toBe('blocked');
    expect(reply.text).toBe('I can’t continue with that.');
    const shown = chunks.flatMap((c) => (c.type === 'text-delta' ? [c.delta] : [])).join('');
    expect(shown).not.toContain('kill yourself');
    expect(shown).toContain('I can’t continue with that.');
    const { end } = await callRecords(reply.id);
    expect(end).toMatchObject({ finish: 'blocked', verdict: 'block' });
    expect(end!.envelope).toContain('self-harm-instructions');
  });

  it('redacts personal data in what is shown, stored and audited', async () => {
    fake.setScript({ text: 'Write to me at captain.mira@example.com or call 13812345678 any time.', tokenDelayMs: 1 });
    const { reply, chunks } = await send('How can I reach you?');
    const shown = chunks.flatMap((c) => (c.type === 'text-delta' ? [c.delta] : [])).join('');
    for (const text of [shown, reply.text]) {
      expect(text).not.toContain('captain.mira@example.com');
      expect(text).not.toContain('13812345678');
      expect(text).toContain('any time.');
    }
    expect((await callRecords(reply.id)).end).toMatchObject({ verdict: 'redact' });
  });
});

describe('chat limits and isolation', () => {
  it('refuses another user’s chat as not found', async () => {
    const other = await registerUser(db, { email: uniqueEmail('other'), name: 'Eve', password: 'password123' });
    await expect(runChatTurn(db, other, { action: 'send', chatId, parentId: greetingId, text: 'hi' }, ctx)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('refuses a message over the size limit with 413 and stores nothing', async () => {
    const before = (await listMessages(db, chatId)).length;
    await expect(
      runChatTurn(db, user, { action: 'send', chatId, parentId: greetingId, text: 'x'.repeat(8001) }, ctx),
    ).rejects.toMatchObject({ code: 'payload_too_large' });
    expect((await listMessages(db, chatId)).length).toBe(before);
  });

  it('rate-limits a user who sends too fast', async () => {
    process.env.CHAT_RATE_LIMIT_PER_MINUTE = '2';
    try {
      fake.setScript({ text: 'ok' });
      await send('one');
      await send('two');
      await expect(runChatTurn(db, user, { action: 'send', chatId, parentId: greetingId, text: 'three' }, ctx)).rejects.toMatchObject({
        code: 'rate_limited',
      });
    } finally {
      delete process.env.CHAT_RATE_LIMIT_PER_MINUTE;
    }
  });
});
