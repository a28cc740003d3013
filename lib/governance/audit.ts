import { randomUUID } from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { engineName, rowsOf, type Db, type DbOrTx, type Tx } from '@/db/client';
import { auditPending, auditRecords } from '@/db/schema';
import { conflict, notFound } from '@/lib/errors';
import { canonicalJson, contentHash, wellFormedString } from './canonical';
import { appendRecord, isTransaction, type PreparedRecord } from './chain';
import { INSTANCE_LOCK_NAMESPACE, instanceId, instanceLockKey, registerInstance } from './instance';
import { strongest, type PolicyAction } from './policies/types';
import { estimateCost, readPrices } from './settings';
import { searchText } from './tokens';
import type { AppendedRecord, AuditEntry, GenerationEnd, GenerationHandle, GenerationStart } from './types';

/**
 * The one entry point for governance events. Given the caller's transaction, the record commits (or rolls back)
 * with the change it describes — call it last in the transaction, since the chain head stays locked until commit.
 * Given the database itself, the record is appended on its own, group-committed with concurrent appends.
 */
export async function audit(db: DbOrTx, entry: AuditEntry): Promise<AppendedRecord> {
  const content = entry.content ? prepareContent(entry.content.prompt, entry.content.output ?? null, null) : null;
  return appendRecord(db, {
    fields: {
      id: randomUUID(),
      kind: `event.${entry.action}`,
      actor_id: entry.actorId,
      persona_id: entry.personaId,
      persona_version: entry.personaVersion,
      owner_id: entry.ownerId,
      chat_id: entry.chatId,
      request_id: entry.requestId,
      data: entry.data,
      content_hash: content?.hash,
    },
    content: content?.row ?? null,
  });
}

/**
 * Records a model call as it starts: who, which persona version and owner, which model and settings, and the
 * exact prompt. Also notes the call as pending for this process, so that if the process dies the next start-up
 * closes it as unfinished. Call it in the transaction that stores the user's message.
 */
export async function startGeneration(db: DbOrTx, input: GenerationStart): Promise<GenerationHandle> {
  await registerInstance();
  const startedAt = Date.now();
  const id = randomUUID();
  const search = searchText(input.searchText ?? lastUserText(input.prompt));
  const content = prepareContent(input.prompt, null, sql`to_tsvector('simple', ${search})`);
  const record: PreparedRecord = {
    fields: {
      id,
      kind: 'generation.start',
      actor_id: input.actorId,
      persona_id: input.personaId,
      persona_version: input.personaVersion,
      owner_id: input.ownerId,
      chat_id: input.chatId,
      message_id: input.messageId,
      model_provider: input.model.provider,
      model_id: input.model.id,
      settings: input.settings,
      data: input.purpose ? { purpose: input.purpose } : undefined,
      request_id: input.requestId,
      verdicts: input.verdicts,
      verdict: strongest((input.verdicts ?? []).map((v) => v.action)),
      policy_version: input.policyVersion,
      content_hash: content.hash,
    },
    content: content.row,
  };
  const appended = await inTransaction(db, async (tx) => {
    await tx.insert(auditPending).values({ startId: id, instanceId: instanceId() });
    return appendRecord(tx, record);
  });
  return { ...appended, startedAt };
}

/**
 * Records how a model call ended — output as shown and stored, finish reason, usage, cost, latency and output
 * verdicts — linked to its start record. The identity columns (actor, persona, owner, model…) are copied from the
 * start so each end record alone answers the review filters.
 */
export async function completeGeneration(
  db: DbOrTx,
  start: number | Pick<GenerationHandle, 'seq' | 'startedAt'>,
  end: GenerationEnd,
): Promise<AppendedRecord> {
  return inTransaction(db, (tx) => appendCompletion(tx, start, end));
}

async function appendCompletion(
  db: Tx,
  start: number | Pick<GenerationHandle, 'seq' | 'startedAt'>,
  end: GenerationEnd,
): Promise<AppendedRecord> {
  const startSeq = typeof start === 'number' ? start : start.seq;
  const [s] = await db
    .select()
    .from(auditRecords)
    .where(and(eq(auditRecords.seq, startSeq), eq(auditRecords.kind, 'generation.start')))
    .limit(1);
  if (!s) throw notFound('Generation start record');
  const [done] = await db
    .select({ seq: auditRecords.seq })
    .from(auditRecords)
    .where(eq(auditRecords.completesSeq, startSeq))
    .limit(1);
  if (done) throw conflict(`Generation ${startSeq} is already completed (record ${done.seq})`);

  const model = { provider: s.modelProvider ?? '', id: s.modelId ?? '' };
  const cost = end.cost !== undefined ? end.cost : estimateCost(await readPrices(db), model, end.usage);
  const startedAt = typeof start === 'number' ? s.time.getTime() : start.startedAt;
  const output = end.output === null ? null : wellFormedString(end.output);
  const tokens = output ? searchText(output) : '';
  // The end row's tokens include the start's, so one index answers a search over prompt and output.
  const search = sql`to_tsvector('simple', ${tokens}) || coalesce((select search from audit_contents where seq = ${startSeq}), ''::tsvector)`;
  const content = prepareContent(undefined, output, search);
  const usage = end.usage && {
    input_tokens: end.usage.inputTokens ?? undefined,
    output_tokens: end.usage.outputTokens ?? undefined,
    total_tokens: end.usage.totalTokens ?? undefined,
  };

  await db.delete(auditPending).where(eq(auditPending.startId, s.id));
  return appendRecord(db, {
    fields: {
      id: randomUUID(),
      kind: 'generation.end',
      completes_seq: startSeq,
      actor_id: s.actorId,
      persona_id: s.personaId,
      persona_version: s.personaVersion,
      owner_id: s.ownerId,
      chat_id: s.chatId,
      message_id: s.messageId,
      model_provider: s.modelProvider,
      model_id: s.modelId,
      finish: end.finish,
      usage,
      cost,
      ttft_ms: end.ttftMs,
      total_ms: end.totalMs ?? Math.max(0, Date.now() - startedAt),
      verdicts: end.verdicts,
      verdict: strongest([s.verdict as PolicyAction | null, ...(end.verdicts ?? []).map((v) => v.action)]),
      policy_version: end.policyVersion ?? s.policyVersion,
      request_id: end.requestId ?? s.requestId,
      data: end.error ? { error: end.error } : undefined,
      content_hash: content.hash,
    },
    content: content.row,
  });
}

export type ClosedGeneration = { startSeq: number; endSeq: number; chatId: string | null; messageId: string | null };

/**
 * At start-up: closes, as finish 'unfinished', every call started by a process that is no longer alive (its
 * advisory lock is free), so a process killed mid-stream still leaves a complete record. Calls of live peers are
 * left alone. Returns what it closed, so the chat can mark the same messages interrupted.
 */
export async function closeUnfinishedGenerations(db: Db): Promise<ClosedGeneration[]> {
  await registerInstance();
  const me = instanceId();
  const others = rowsOf<{ instance_id: string }>(
    await db.execute(sql`select distinct instance_id from audit_pending where instance_id <> ${me}`),
  );
  const closed: ClosedGeneration[] = [];
  for (const { instance_id } of others) {
    await db.transaction(async (tx) => {
      if (engineName() === 'postgres') {
        const [lock] = rowsOf<{ ok: boolean }>(
          await tx.execute(
            sql`select pg_try_advisory_xact_lock(${INSTANCE_LOCK_NAMESPACE}::int, ${instanceLockKey(instance_id)}::int) as ok`,
          ),
        );
        if (!lock?.ok) return; // that process is alive and will close its own calls
      }
      const pending = rowsOf<{ seq: string | number; chat_id: string | null; message_id: string | null }>(
        await tx.execute(sql`
          select r.seq, r.chat_id, r.message_id from audit_pending p join audit_records r on r.id = p.start_id
          where p.instance_id = ${instance_id} order by r.seq for update of p`),
      );
      for (const p of pending) {
        const end = await completeGeneration(tx, Number(p.seq), { output: null, finish: 'unfinished' });
        closed.push({ startSeq: Number(p.seq), endSeq: end.seq, chatId: p.chat_id, messageId: p.message_id });
      }
    });
  }
  return closed;
}

function inTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return isTransaction(db) ? fn(db) : (db as Db).transaction(fn);
}

function prepareContent(prompt: unknown, output: string | null, search: SQL | null) {
  const promptCanonical = prompt === undefined || prompt === null ? null : canonicalJson(prompt);
  const text = output === null ? null : wellFormedString(output);
  return { hash: contentHash(promptCanonical, text), row: { prompt: promptCanonical, output: text, search } };
}

/** The text a person would search a call by: the last user message of a chat-style prompt. */
export function lastUserText(prompt: unknown): string {
  if (typeof prompt === 'string') return prompt;
  const messages = Array.isArray(prompt)
    ? prompt
    : prompt && typeof prompt === 'object' && Array.isArray((prompt as { messages?: unknown }).messages)
      ? (prompt as { messages: unknown[] }).messages
      : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { role?: unknown; content?: unknown } | null;
    if (m?.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    if (Array.isArray(m.content)) {
      return m.content
        .map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : ''))
        .join(' ');
    }
  }
  return '';
}
