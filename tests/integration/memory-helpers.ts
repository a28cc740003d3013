import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { MockLanguageModelV4 } from 'ai/test';
import { rowsOf, type Db } from '@/db/client';
import { createUser } from '@/lib/auth/users';
import { createPersona } from '@/lib/personas/mutations';
import { savePersonaBodySchema } from '@/lib/personas/profile';
import { extractAfterTurn, type ExtractionOptions } from '@/lib/memory/service';
import { uniqueEmail } from './db';

export async function newUser(db: Db, name = 'User'): Promise<string> {
  const user = await createUser(db, { email: uniqueEmail(name.toLowerCase()), name, passwordHash: null });
  return user.id;
}

export async function newPersona(db: Db, ownerId: string, name = 'Mira'): Promise<string> {
  const body = savePersonaBodySchema.parse({ profile: { name, description: 'A sea captain.' }, visibility: 'public' });
  return (await createPersona(db, { id: ownerId }, body)).id;
}

/** One user turn through the extractor, as the chat route will run it after a reply. */
export function say(db: Db, pair: { userId: string; personaId: string }, userText: string, options: ExtractionOptions & { model?: MockLanguageModelV4 } = {}) {
  const { model, ...rest } = options;
  return extractAfterTurn(
    { ...pair, chatId: randomUUID(), messageId: randomUUID(), userText, model },
    { db, ...rest },
  );
}

/** A model answering every call with this structured output (JSON text, as providers return it). */
export function modelReturning(output: unknown): MockLanguageModelV4 {
  return modelReplying(() => output);
}

/** A model whose structured output depends on the prompt text it is given. */
export function modelReplying(reply: (prompt: string) => unknown): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    doGenerate: async (options) => ({
      content: [{ type: 'text', text: JSON.stringify(reply(JSON.stringify(options.prompt))) }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: { total: 50, noCache: 50, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: 20, text: 20, reasoning: 0 },
      },
      warnings: [],
    }),
  });
}

export function failingModel(message = 'provider down'): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    doGenerate: async () => {
      throw new Error(message);
    },
  });
}

/** Every row of the pair, deleted ones included, straight from the table. */
export async function rawMemories(db: Db, userId: string) {
  return rowsOf<{ id: string; text: string; deleted_at: Date | null; source_message_ids: string[] }>(
    await db.execute(sql`select id, text, deleted_at, source_message_ids from memories where user_id = ${userId} order by created_at`),
  );
}

export async function changesOf(db: Db, memoryId: string) {
  return rowsOf<{ op: string; actor: string; actor_user_id: string | null; source_message_id: string | null; before_text: string | null; after_text: string | null }>(
    await db.execute(sql`select op, actor, actor_user_id, source_message_id, before_text, after_text
      from memory_changes where memory_id = ${memoryId} order by created_at, op`),
  );
}
