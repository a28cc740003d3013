import type { LanguageModel } from 'ai';
import { getDb, type Db } from '@/db/client';
import type { OnMemoryChange } from './changes';
import { claimDueJobs, deleteJob, MAX_ATTEMPTS, recordFailedExtraction, type ExtractionJob } from './job-queries';
import { runExtraction } from './service';

export type RetryOptions = {
  db?: Db;
  /** The model to extract with for a job's persona; undefined (or no resolver) means the offline extractor. */
  model?: (job: ExtractionJob) => LanguageModel | undefined | Promise<LanguageModel | undefined>;
  onChange?: OnMemoryChange;
  limit?: number;
};
export type RetryReport = { attempted: number; succeeded: number; failed: number; gaveUp: number };

/**
 * Runs the due retry jobs once. Meant for a timer or a cron route; safe to run on several instances at once.
 * A job succeeds (and is deleted) also when the user has turned memory off since: there is nothing to do.
 */
export async function retryFailedExtractions(options: RetryOptions = {}): Promise<RetryReport> {
  const db = options.db ?? (await getDb());
  const report: RetryReport = { attempted: 0, succeeded: 0, failed: 0, gaveUp: 0 };
  for (const job of await claimDueJobs(db, options.limit ?? 20)) {
    report.attempted++;
    try {
      const model = await options.model?.(job);
      await runExtraction(db, { ...job, model }, { onChange: options.onChange });
      await deleteJob(db, job.id);
      report.succeeded++;
    } catch (err) {
      console.error('[memory] retried extraction failed', { jobId: job.id, attempts: job.attempts + 1 }, err);
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      await recordFailedExtraction(db, { ...job }, error);
      if (job.attempts + 1 >= MAX_ATTEMPTS) report.gaveUp++;
      else report.failed++;
    }
  }
  return report;
}
