import { and, eq, isNull, sql } from 'drizzle-orm';
import type { LanguageModel } from 'ai';
import { getDb, type Db, type Tx } from '@/db/client';
import { memories } from '@/db/schema';
import { recordChange, type MemoryActor, type OnMemoryChange } from './changes';
import { recordFailedExtraction } from './job-queries';
import { extractWithModel } from './model-extractor';
import { planOperations, probeText, readStatements } from './offline-extractor';
import { findSimilarMemories, isMemoryEnabled, lockMemory, lockPair, tokensOf, type Pair } from './queries';
import type { MemoryOp } from './types';

export type ExtractionInput = {
  userId: string;
  personaId: string;
  chatId: string;
  /** The user's message the facts come from; recorded on every memory and change it causes. */
  messageId: string;
  userText: string;
  /** A real model for structured extraction; without one the deterministic offline extractor runs. */
  model?: LanguageModel;
};

export type AppliedCounts = { added: number; updated: number; deleted: number; unchanged: number };
export type ExtractionResult =
  | { status: 'disabled' }
  | { status: 'done'; applied: AppliedCounts; rejected: number }
  | { status: 'failed'; error: string };

export type ExtractionOptions = { db?: Db; onChange?: OnMemoryChange; abortSignal?: AbortSignal };

/** Facts are stated in a sentence or two; past this, a message (a pasted document) is read no further. */
export const MAX_EXTRACTION_CHARS = 8000;

/**
 * Reads one user message for facts and brings the persona's memories of that user up to date.
 * Meant to run after the reply has streamed (the chat route schedules it with Next's `after()`), so it never
 * delays a reply, and it never throws: a failure is logged and kept as a job for `retryFailedExtractions()`.
 * Nothing happens while the user has memory turned off.
 */
export async function extractAfterTurn(input: ExtractionInput, options: ExtractionOptions = {}): Promise<ExtractionResult> {
  let db: Db | undefined = options.db;
  input = { ...input, userText: input.userText.slice(0, MAX_EXTRACTION_CHARS) };
  try {
    db ??= await getDb();
    return await runExtraction(db, input, options);
  } catch (err) {
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    // One line with the error's kind only: its message can quote the user's words or the model's output.
    console.error(`[memory] extraction failed for message ${input.messageId} (${err instanceof Error ? err.name : 'error'}); kept for retry`);
    if (db) {
      await recordFailedExtraction(db, input, error).catch((e) =>
        console.error('[memory] could not keep the failed extraction for retry', e),
      );
    }
    return { status: 'failed', error };
  }
}

/** The extraction itself; throws on failure (extractAfterTurn and the retry loop decide what to do). */
export async function runExtraction(db: Db, input: ExtractionInput, options: ExtractionOptions = {}): Promise<ExtractionResult> {
  const pair: Pair = { userId: input.userId, personaId: input.personaId };
  if (!(await isMemoryEnabled(db, input.userId))) return { status: 'disabled' };
  const actor: MemoryActor = { type: 'extractor', chatId: input.chatId, messageId: input.messageId };

  if (input.model) {
    // The model call happens outside any transaction; its operations are re-checked against the pair on apply.
    const candidates = await findSimilarMemories(db, pair, input.userText);
    const { ops, rejected } = await extractWithModel({
      model: input.model,
      userText: input.userText,
      candidates,
      abortSignal: options.abortSignal,
    });
    if (rejected.length) console.warn('[memory] model operations rejected', { messageId: input.messageId, rejected });
    const applied = await applyInTransaction(db, pair, actor, async () => ops, options.onChange);
    return applied ? { status: 'done', applied, rejected: rejected.length } : { status: 'disabled' };
  }

  const statements = readStatements(input.userText);
  if (!statements.length) return { status: 'done', applied: emptyCounts(), rejected: 0 };
  // Offline planning is fast, so it reads its candidates under the pair lock: no duplicate from a parallel turn.
  const applied = await applyInTransaction(
    db,
    pair,
    actor,
    async (tx) => planOperations(statements, await findSimilarMemories(tx, pair, probeText(statements))),
    options.onChange,
  );
  return applied ? { status: 'done', applied, rejected: 0 } : { status: 'disabled' };
}

const emptyCounts = (): AppliedCounts => ({ added: 0, updated: 0, deleted: 0, unchanged: 0 });

/**
 * Applies the operations in one transaction, one memory_changes row (and one onChange call) per write.
 * Returns null when memory was turned off meanwhile. An UPDATE or DELETE whose memory is gone, or belongs to
 * another pair, is skipped: ids never reach outside the pair.
 */
async function applyInTransaction(
  db: Db,
  pair: Pair,
  actor: Extract<MemoryActor, { type: 'extractor' }>,
  plan: (tx: Tx) => Promise<MemoryOp[]>,
  onChange?: OnMemoryChange,
): Promise<AppliedCounts | null> {
  return db.transaction(async (tx) => {
    await lockPair(tx, pair);
    if (!(await isMemoryEnabled(tx, pair.userId))) return null;
    const counts = emptyCounts();
    for (const op of await plan(tx)) {
      const done = await applyOne(tx, pair, actor, op, onChange);
      if (done) counts[done]++;
    }
    return counts;
  });
}

async function applyOne(
  tx: Tx,
  pair: Pair,
  actor: Extract<MemoryActor, { type: 'extractor' }>,
  op: MemoryOp,
  onChange?: OnMemoryChange,
): Promise<keyof AppliedCounts | null> {
  const base = { personaId: pair.personaId, userId: pair.userId, count: 1, actor };
  if (op.op === 'NONE') return 'unchanged';
  if (op.op === 'ADD') {
    const [row] = await tx
      .insert(memories)
      .values({
        ...pair,
        kind: op.kind,
        text: op.text,
        importance: clampImportance(op.importance),
        sourceMessageIds: [actor.messageId],
        searchTokens: tokensOf(op.text),
      })
      .returning({ id: memories.id });
    await recordChange(tx, { ...base, op: 'add', memoryId: row!.id, beforeText: null, afterText: op.text }, onChange);
    return 'added';
  }
  const before = await lockMemory(tx, op.id, pair);
  if (!before) return null;
  const where = and(eq(memories.id, op.id), isNull(memories.deletedAt));
  if (op.op === 'DELETE') {
    await tx.update(memories).set({ deletedAt: sql`now()`, updatedAt: sql`now()` }).where(where);
    await recordChange(tx, { ...base, op: 'delete', memoryId: op.id, beforeText: before.text, afterText: null }, onChange);
    return 'deleted';
  }
  await tx
    .update(memories)
    .set({
      text: op.text,
      searchTokens: tokensOf(op.text),
      ...(op.kind ? { kind: op.kind } : {}),
      ...(op.importance ? { importance: clampImportance(op.importance) } : {}),
      sourceMessageIds: sql`array_append(${memories.sourceMessageIds}, ${actor.messageId}::uuid)`,
      updatedAt: sql`now()`,
    })
    .where(where);
  await recordChange(tx, { ...base, op: 'update', memoryId: op.id, beforeText: before.text, afterText: op.text }, onChange);
  return 'updated';
}

export function clampImportance(n: number): number {
  return Math.min(5, Math.max(1, Math.round(n)));
}
