import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db, type DbOrTx, type Tx } from '@/db/client';
import { appSettings } from '@/db/schema';
import { audit } from './audit';
import { readSetting, RETENTION_KEY, writeSetting } from './settings';

/** Days that prompt and output text is kept; null keeps it forever. Records and hashes are never purged. */
export async function getRetentionDays(db: Db): Promise<number | null> {
  const days = await readSetting<number | null>(db, RETENTION_KEY);
  return typeof days === 'number' && days > 0 ? days : null;
}

export async function setRetentionDays(db: Db, days: number | null, actorId: string): Promise<void> {
  await db.transaction(async (tx) => {
    // No setting means "forever" (the column holds JSON, never SQL NULL).
    if (days === null) await tx.delete(appSettings).where(eq(appSettings.key, RETENTION_KEY));
    else await writeSetting(tx, RETENTION_KEY, days);
    await audit(tx, { action: 'retention.changed', actorId, data: { days } });
  });
}

/** The admin's setting: whole days, or null to keep content for as long as the records (forever). */
export const retentionBodySchema = z.object({
  days: z
    .number({ message: 'invalid_number' })
    .int('invalid_number')
    .min(1, 'out_of_range')
    .max(36_500, 'out_of_range')
    .nullable(),
});

/** The newest purge on record (a `retention.purged` event), for the settings page. */
export async function lastPurge(db: DbOrTx): Promise<{ time: Date; erased: number; cutoff: string } | null> {
  const [row] = rowsOf<{ time: string | Date; envelope: string }>(
    await db.execute(sql`select time, envelope from audit_records where kind = 'event.retention.purged' order by seq desc limit 1`),
  );
  if (!row) return null;
  const data = (JSON.parse(row.envelope) as { data?: { erased?: number; cutoff?: string } }).data ?? {};
  return { time: new Date(row.time), erased: Number(data.erased ?? 0), cutoff: String(data.cutoff ?? '') };
}

const BATCH = 5000;

/**
 * Erases content older than the retention period, batch by batch; each batch commits with its own
 * `retention.purged` record. Returns how many contents were erased (0 when no retention is set).
 */
export async function purgeExpiredContent(
  db: Db,
  opts: { now?: Date; actorId?: string | null; batchSize?: number } = {},
): Promise<{ erased: number; cutoff: Date | null }> {
  const days = await getRetentionDays(db);
  if (days === null) return { erased: 0, cutoff: null };
  const cutoff = new Date((opts.now ?? new Date()).getTime() - days * 86_400_000);
  const cutoffIso = cutoff.toISOString();
  let erased = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const seqs = await eraseWhere(
        tx,
        sql`r.time < ${cutoffIso}::timestamptz`,
        `retention: older than ${days} days`,
        opts.batchSize ?? BATCH,
      );
      if (seqs.length) {
        await audit(tx, {
          action: 'retention.purged',
          actorId: opts.actorId ?? null,
          data: { cutoff: cutoffIso, erased: seqs.length, firstSeq: seqs[0]!, lastSeq: seqs[seqs.length - 1]! },
        });
      }
      return seqs.length;
    });
    erased += n;
    if (n < (opts.batchSize ?? BATCH)) break;
  }
  return { erased, cutoff };
}

/**
 * "Delete my data", audit side: erases the prompt and output text of every record the user acted in (their messages
 * and the replies to them, their searches), leaving the records and hashes — so the chain still verifies, with that
 * content erased. One transaction, with one `user.content.erased` record; see eraseUserContentIn.
 */
export async function eraseUserContent(db: Db, userId: string, actorId: string | null = userId): Promise<{ erased: number }> {
  return db.transaction((tx) => eraseUserContentIn(tx, userId, actorId));
}

/**
 * The same in the caller's transaction, so the erasure commits with the rest of a user's data or not at all.
 * Batches keep each statement's row set bounded; rows a concurrent purge holds are waited for, never skipped,
 * so nothing is left behind. The record is appended last: the chain's head stays locked only until commit.
 */
export async function eraseUserContentIn(tx: Tx, userId: string, actorId: string | null = userId): Promise<{ erased: number }> {
  let erased = 0;
  for (;;) {
    const seqs = await eraseWhere(tx, sql`r.actor_id = ${userId}`, 'erased at the user’s request', BATCH, { skipLocked: false });
    erased += seqs.length;
    if (seqs.length < BATCH) break;
  }
  await audit(tx, { action: 'user.content.erased', actorId, data: { userId, erased } });
  return { erased };
}

async function eraseWhere(db: DbOrTx, condition: SQL, reason: string, limit: number, opts = { skipLocked: true }): Promise<number[]> {
  const lock = opts.skipLocked ? sql`for update of c2 skip locked` : sql`for update of c2`;
  const rows = rowsOf<{ seq: string | number }>(
    await db.execute(sql`
      update audit_contents c set prompt = null, output = null, search = null, erased_at = now(), erased_reason = ${reason}
      where c.seq in (
        select c2.seq from audit_contents c2 join audit_records r on r.seq = c2.seq
        where c2.erased_at is null and ${condition}
        order by c2.seq limit ${limit} ${lock})
      returning c.seq`),
  );
  return rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
}
