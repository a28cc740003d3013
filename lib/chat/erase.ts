import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import { conflict } from '@/lib/errors';

/**
 * The chat side of "delete my data", in the caller's transaction: every message of every chat the user has (deleted
 * chats too) loses its text — the user's words, the replies that answered them, the greetings that named them —
 * and is marked erased; chat titles, which quote the first message, go back to the persona's name. The tree, ids
 * and statuses stay, so the audit records that point at them still point somewhere.
 *
 * The user's chats are locked first, so a turn that starts meanwhile waits and lands after the erasure; a reply
 * that is still streaming would write its text after it, so that refuses with a conflict instead.
 */
export async function eraseChatContentOf(tx: Tx, userId: string): Promise<{ chats: number; messages: number }> {
  const locked = rowsOf<{ id: string }>(await tx.execute(sql`select id from chats where user_id = ${userId} for update`));
  if (!locked.length) return { chats: 0, messages: 0 };
  const [streaming] = rowsOf(
    await tx.execute(sql`
      select 1 from messages m join chats c on c.id = m.chat_id
      where c.user_id = ${userId} and m.status = 'streaming' limit 1`),
  );
  if (streaming) throw conflict('A reply is still being written', { _: 'reply_in_progress' });
  const erased = rowsOf<{ id: string }>(
    await tx.execute(sql`
      update messages m set text = '', erased_at = now(), updated_at = now()
      from chats c
      where c.id = m.chat_id and c.user_id = ${userId} and m.erased_at is null
      returning m.id`),
  );
  await tx.execute(sql`
    update chats c set title = coalesce(pv.profile->>'name', '')
    from personas p join persona_versions pv on pv.persona_id = p.id and pv.version = p.current_version
    where c.user_id = ${userId} and p.id = c.persona_id`);
  return { chats: locked.length, messages: erased.length };
}
