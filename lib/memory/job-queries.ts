import { and, eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db, type DbOrTx } from '@/db/client';
import { memoryExtractionJobs } from '@/db/schema';

/**
 * Failed extractions, kept and tried again later. The n-th failure waits 1 min × 4^(n-1), at most 6 h; after
 * MAX_ATTEMPTS the job gives up (next_attempt_at null) and stays for inspection until the user forgets the
 * persona's memories or turns memory off.
 */
export const MAX_ATTEMPTS = 6;
const LEASE = sql`interval '10 minutes'`;
const backoff = (attempts: SQL | number) => sql`make_interval(secs => least(21600, 60 * power(4, ${attempts} - 1)))`;

export type ExtractionJob = {
  id: string;
  chatId: string;
  messageId: string;
  personaId: string;
  userId: string;
  userText: string;
  attempts: number;
};

type FailedInput = { chatId: string; messageId: string; personaId: string; userId: string; userText: string };

export async function recordFailedExtraction(db: DbOrTx, input: FailedInput, error: string): Promise<void> {
  const lastError = error.slice(0, 2000);
  await db.execute(sql`
    insert into memory_extraction_jobs
      (chat_id, message_id, persona_id, user_id, user_text, attempts, last_error, next_attempt_at)
    values (${input.chatId}, ${input.messageId}, ${input.personaId}, ${input.userId}, ${input.userText}, 1,
            ${lastError}, now() + ${backoff(1)})
    on conflict (message_id) do update set
      attempts = memory_extraction_jobs.attempts + 1,
      last_error = excluded.last_error,
      next_attempt_at = case when memory_extraction_jobs.attempts + 1 >= ${MAX_ATTEMPTS} then null
                             else now() + ${backoff(sql`memory_extraction_jobs.attempts + 1`)} end,
      updated_at = now()`);
}

/** Takes up to `limit` due jobs, leasing them so that another instance running the same loop skips them. */
export async function claimDueJobs(db: Db, limit: number): Promise<ExtractionJob[]> {
  return rowsOf<ExtractionJob>(
    await db.execute(sql`
      update memory_extraction_jobs set next_attempt_at = now() + ${LEASE}, updated_at = now()
      where id in (
        select id from memory_extraction_jobs
        where next_attempt_at <= now()
        order by next_attempt_at
        limit ${limit}
        for update skip locked)
      returning id, chat_id as "chatId", message_id as "messageId", persona_id as "personaId",
                user_id as "userId", user_text as "userText", attempts`),
  );
}

export async function deleteJob(db: DbOrTx, id: string): Promise<void> {
  await db.delete(memoryExtractionJobs).where(eq(memoryExtractionJobs.id, id));
}

/** Drops kept user text: all of a user's jobs, or only one persona's. */
export async function deleteJobsOf(db: DbOrTx, userId: string, personaId?: string): Promise<void> {
  await db
    .delete(memoryExtractionJobs)
    .where(
      and(
        eq(memoryExtractionJobs.userId, userId),
        personaId ? eq(memoryExtractionJobs.personaId, personaId) : undefined,
      ),
    );
}
