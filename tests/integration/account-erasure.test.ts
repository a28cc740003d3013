import type { UIMessageChunk } from 'ai';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/db/client';
import { eraseMyData } from '@/lib/account/erase-my-data';
import { registerUser } from '@/lib/auth/register';
import type { PublicUser } from '@/lib/auth/users';
import { listMessages } from '@/lib/chat/queries';
import { startChat } from '@/lib/chat/start';
import { runChatTurn } from '@/lib/chat/turn';
import { toMessageView } from '@/lib/chat/view';
import { verifyDatabase } from '@/lib/governance';
import { createPersona } from '@/lib/personas/mutations';
import { savePersonaBodySchema } from '@/lib/personas/profile';
import { freshDb, uniqueEmail } from './db';

let db: Db;
let ann: PublicUser;
let ben: PublicUser;
let personaId: string;
const ctx = { locale: 'en', requestId: 'erasure-test' };

beforeEach(async () => {
  db = await freshDb();
  const owner = await registerUser(db, { email: uniqueEmail('owner'), name: 'Olga', password: 'password123' });
  ann = await registerUser(db, { email: uniqueEmail('ann'), name: 'Ann', password: 'password123' });
  ben = await registerUser(db, { email: uniqueEmail('ben'), name: 'Ben', password: 'password123' });
  const body = savePersonaBodySchema.parse({
    profile: { name: 'Mira', description: 'A sea captain.', greeting: 'Ahoy, {{user}}!' },
    visibility: 'public',
    model: { modelId: 'offline:persona-1' },
  });
  personaId = (await createPersona(db, owner, body)).id;
});

/** A chat of `user` with one finished turn (the offline model answers; memory extraction runs after it). */
async function chatWith(user: PublicUser, text: string) {
  const chat = await startChat(db, user, personaId);
  const turn = await runChatTurn(db, user, { action: 'send', chatId: chat.id, parentId: chat.activeLeafId, text }, ctx);
  await drain(turn.stream);
  await turn.done;
  await turn.settled;
  return chat.id;
}

async function drain(stream: ReadableStream<UIMessageChunk>) {
  const reader = stream.getReader();
  while (!(await reader.read()).done);
}

const count = async (query: ReturnType<typeof sql>) => Number(rowsOf<{ n: string | number }>(await db.execute(query))[0]!.n);

describe('delete my data', () => {
  it('erases the user’s messages, titles, memories and audit content in one go; the chain verifies as content erased', async () => {
    const annChat = await chatWith(ann, 'My name is Ann and I live in Lisbon. Where is the lighthouse?');
    const benChat = await chatWith(ben, 'My name is Ben and I live in Berlin. Where is the harbour?');
    expect(await count(sql`select count(*) as n from memories where user_id = ${ann.id} and deleted_at is null`)).toBeGreaterThan(0);
    const annRecords = await count(sql`select count(*) as n from audit_contents c join audit_records r using (seq) where r.actor_id = ${ann.id}`);
    expect(annRecords).toBe(2); // the call's start (prompt) and end (reply)

    const report = await eraseMyData(db, ann.id);
    expect(report).toMatchObject({ chats: 1, messages: 3, auditContents: 2 });
    expect(report.memories).toBeGreaterThan(0);

    // Ann's chat keeps its shape; every message shows as erased, and the title no longer quotes her.
    const annMessages = await listMessages(db, annChat);
    expect(annMessages).toHaveLength(3);
    expect(annMessages.map(toMessageView).every((m) => m.erased && m.text === '')).toBe(true);
    const [chat] = rowsOf<{ title: string }>(await db.execute(sql`select title from chats where id = ${annChat}`));
    expect(chat!.title).toBe('Mira');
    // Nothing of hers is left in memory, the extraction queue, or the audit log's text.
    expect(await count(sql`select count(*) as n from memories where user_id = ${ann.id} and text <> ''`)).toBe(0);
    expect(await count(sql`select count(*) as n from memory_changes mc join memories m on m.id = mc.memory_id
      where m.user_id = ${ann.id} and (mc.before_text is not null or mc.after_text is not null)`)).toBe(0);
    expect(await count(sql`select count(*) as n from audit_contents where output like '%Lisbon%' or prompt like '%Lisbon%'`)).toBe(0);

    // Ben's are untouched.
    const benMessages = await listMessages(db, benChat);
    expect(benMessages.some((m) => m.text.includes('Berlin'))).toBe(true);
    expect(benMessages.every((m) => m.erasedAt === null)).toBe(true);
    expect(await count(sql`select count(*) as n from memories where user_id = ${ben.id} and deleted_at is null`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*) as n from audit_contents where prompt like '%Berlin%'`)).toBe(1);

    // The chain still verifies, the erased content counted as erased, and the request itself is on record.
    expect(await verifyDatabase(db)).toMatchObject({ ok: true, contentErased: 2 });
    const kinds = rowsOf<{ kind: string; actor_id: string }>(
      await db.execute(sql`select kind, actor_id from audit_records where kind in ('event.user.content.erased', 'event.memory.deleted') order by seq`),
    );
    expect(kinds).toEqual([
      { kind: 'event.user.content.erased', actor_id: ann.id },
      { kind: 'event.memory.deleted', actor_id: ann.id },
    ]);
  });

  it('leaves erased messages out of what the model is sent when the chat goes on', async () => {
    const annChat = await chatWith(ann, 'Remember the secret word pelican.');
    await eraseMyData(db, ann.id);
    const leaf = (await listMessages(db, annChat)).at(-1)!;
    const turn = await runChatTurn(db, ann, { action: 'send', chatId: annChat, parentId: leaf.id, text: 'What did I say?' }, ctx);
    await drain(turn.stream);
    await turn.done;
    const [start] = rowsOf<{ prompt: string }>(
      await db.execute(sql`select c.prompt from audit_contents c join audit_records r using (seq)
        where r.kind = 'generation.start' and r.chat_id = ${annChat} order by r.seq desc limit 1`),
    );
    expect(start!.prompt).toContain('What did I say?');
    expect(start!.prompt).not.toContain('pelican');
    expect(JSON.parse(start!.prompt).messages).toHaveLength(1);
  });

  it('refuses while a reply is still streaming, and changes nothing', async () => {
    const annChat = await chatWith(ann, 'My name is Ann and I live in Lisbon.');
    await db.execute(sql`update messages set status = 'streaming' where chat_id = ${annChat} and role = 'assistant' and kind <> 'greeting'`);
    const head = await count(sql`select seq as n from audit_head`);
    await expect(eraseMyData(db, ann.id)).rejects.toMatchObject({ code: 'conflict', fields: { _: 'reply_in_progress' } });
    expect((await listMessages(db, annChat)).some((m) => m.text.includes('Lisbon'))).toBe(true);
    expect(await count(sql`select count(*) as n from audit_contents where erased_at is not null`)).toBe(0);
    expect(await count(sql`select seq as n from audit_head`)).toBe(head);
  });

  it('is a no-op for a user with nothing to erase, apart from the record that they asked', async () => {
    expect(await eraseMyData(db, ben.id)).toEqual({ chats: 0, messages: 0, memories: 0, auditContents: 0 });
    expect(await count(sql`select count(*) as n from audit_records where kind = 'event.user.content.erased'`)).toBe(1);
    expect((await verifyDatabase(db)).ok).toBe(true);
  });
});
