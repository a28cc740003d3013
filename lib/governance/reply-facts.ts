import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { isUuid } from '@/lib/auth/users';
import { aigcLabel, type AigcLabel } from './labels';
import type { Verdict } from './policies/types';

/** What a chat's own user may see about one reply: the facts of its audit record, never other people's records. */
export type ReplyFacts = {
  seq: number;
  time: string;
  model: { provider: string | null; id: string | null };
  personaVersion: number | null;
  ownerName: string | null;
  finish: string | null;
  verdicts: Verdict[];
  policyVersion: string | null;
  aigc: AigcLabel;
};

type Row = { seq: string | number; envelope: string; owner_name: string | null };

/**
 * The facts of the call that produced `messageId` in `chatId`, from its end record (the envelope, as hashed), or
 * null while it has none (still streaming). The caller has already checked that the chat is the viewer's: this is
 * how members see their own conversations' records. The chat index finds the chat's few records.
 */
export async function getReplyFacts(db: DbOrTx, chatId: string, messageId: string): Promise<ReplyFacts | null> {
  if (!isUuid(messageId)) return null;
  const [row] = rowsOf<Row>(
    await db.execute(sql`
      select r.seq, r.envelope, u.name as owner_name
      from audit_records r left join users u on u.id = r.owner_id
      where r.chat_id = ${chatId} and r.message_id = ${messageId} and r.kind = 'generation.end'
      order by r.seq desc limit 1`),
  );
  if (!row) return null;
  const f = JSON.parse(row.envelope) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    seq: Number(row.seq),
    time: String(f.time),
    model: { provider: str(f.model_provider), id: str(f.model_id) },
    personaVersion: typeof f.persona_version === 'number' ? f.persona_version : null,
    ownerName: row.owner_name,
    finish: str(f.finish),
    verdicts: Array.isArray(f.verdicts) ? (f.verdicts as Verdict[]) : [],
    policyVersion: str(f.policy_version),
    aigc: aigcLabel(messageId, { contentHash: str(f.content_hash) }).AIGC,
  };
}
