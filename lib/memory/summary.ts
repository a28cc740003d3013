import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rollingSummaries } from '@/db/schema';

/**
 * A rolling summary of a long chat's older messages, for when the history no longer fits the prompt.
 * Offline it is deterministic: the first sentence of each older turn, labelled by who said it, newest kept when the
 * summary outgrows its limit. (A real model may write a better one; the storage below does not care who wrote it.)
 */
export type SummaryTurn = { role: 'user' | 'assistant'; text: string };
export type SummaryOptions = { maxChars?: number; maxSentenceChars?: number; labels?: { user: string; assistant: string } };

const sentences = new Intl.Segmenter('zh', { granularity: 'sentence' });

function firstSentence(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const first = sentences.segment(flat)[Symbol.iterator]().next().value?.segment.trim() ?? '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

/** Adds the turns to the previous summary (if any), one line each, dropping the oldest lines past `maxChars`. */
export function rollSummary(previous: string | null, turns: SummaryTurn[], options: SummaryOptions = {}): string {
  const { maxChars = 1500, maxSentenceChars = 160, labels = { user: 'User', assistant: 'Persona' } } = options;
  const lines = previous ? previous.split('\n').filter(Boolean) : [];
  for (const t of turns) {
    const s = firstSentence(t.text, maxSentenceChars);
    if (s) lines.push(`${labels[t.role]}: ${s}`);
  }
  let total = lines.reduce((n, l) => n + l.length + 1, 0);
  while (lines.length > 1 && total > maxChars) total -= lines.shift()!.length + 1;
  return lines.join('\n');
}

export type RollingSummary = { chatId: string; summary: string; throughMessageId: string; coveredCount: number };

export async function getRollingSummary(db: DbOrTx, chatId: string): Promise<RollingSummary | null> {
  const [row] = await db
    .select({
      chatId: rollingSummaries.chatId,
      summary: rollingSummaries.summary,
      throughMessageId: rollingSummaries.throughMessageId,
      coveredCount: rollingSummaries.coveredCount,
    })
    .from(rollingSummaries)
    .where(eq(rollingSummaries.chatId, chatId))
    .limit(1);
  return row ?? null;
}

export async function saveRollingSummary(db: DbOrTx, s: RollingSummary): Promise<void> {
  await db
    .insert(rollingSummaries)
    .values(s)
    .onConflictDoUpdate({
      target: rollingSummaries.chatId,
      set: { summary: s.summary, throughMessageId: s.throughMessageId, coveredCount: s.coveredCount, updatedAt: sql`now()` },
    });
}

export async function deleteRollingSummary(db: DbOrTx, chatId: string): Promise<void> {
  await db.delete(rollingSummaries).where(eq(rollingSummaries.chatId, chatId));
}
