import type { UIMessageChunk } from 'ai';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { auditRecords } from '@/db/schema';
import { registerUser } from '@/lib/auth/register';
import { listMessages } from '@/lib/chat/queries';
import { startChat } from '@/lib/chat/start';
import { runChatTurn } from '@/lib/chat/turn';
import { getReplyFacts } from '@/lib/governance/reply-facts';
import { createPersona } from '@/lib/personas/mutations';
import { savePersonaBodySchema } from '@/lib/personas/profile';
import { freshDb, uniqueEmail } from './db';

let db: Db;
beforeEach(async () => {
  db = await freshDb();
});

async function drain(stream: ReadableStream<UIMessageChunk>) {
  const reader = stream.getReader();
  while (!(await reader.read()).done);
}

describe('a reply’s audit facts, for the chat’s own user', () => {
  it('come from the end record: model, persona version, owner at the time, verdicts and the AIGC label', async () => {
    const owner = await registerUser(db, { email: uniqueEmail('owner'), name: 'Olga', password: 'password123' });
    const member = await registerUser(db, { email: uniqueEmail('member'), name: 'Mo', password: 'password123' });
    const body = savePersonaBodySchema.parse({
      profile: { name: 'Mira', description: 'A sea captain.' },
      visibility: 'public',
      model: { modelId: 'offline:persona-1' },
    });
    const persona = await createPersona(db, owner, body);
    const chat = await startChat(db, member, persona.id);
    const turn = await runChatTurn(db, member, { action: 'send', chatId: chat.id, parentId: chat.activeLeafId, text: 'Hello Mira' }, { locale: 'en', requestId: 'r1' });
    await drain(turn.stream);
    await turn.done;
    const reply = (await listMessages(db, chat.id)).find((m) => m.role === 'assistant')!;
    const [end] = await db.select().from(auditRecords).where(eq(auditRecords.messageId, reply.id)).then((rs) => rs.filter((r) => r.kind === 'generation.end'));

    const facts = await getReplyFacts(db, chat.id, reply.id);
    expect(facts).toMatchObject({
      seq: end!.seq,
      model: { provider: 'offline', id: 'offline:persona-1' },
      personaVersion: 1,
      ownerName: 'Olga',
      finish: 'stop',
      verdicts: [],
    });
    expect(facts!.aigc).toMatchObject({ Label: '1', ProduceID: reply.id, ReservedCode1: end!.contentHash });
    // Another chat's id, or something that is not an id, finds nothing.
    expect(await getReplyFacts(db, randomUUID(), reply.id)).toBeNull();
    expect(await getReplyFacts(db, chat.id, 'not-a-uuid')).toBeNull();
  });
});
