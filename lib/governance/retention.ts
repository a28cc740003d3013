import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db, type DbOrTx } from '@/db/client';
import { audit } from './audit';
import { readSetting, RETENTION_KEY, writeSetting } from './settings';

/** Days that prompt and output text is kept; null keeps it forever. Records and hashes are never purged. */
export async function getRetentionDays(db: Db): Promise<number | null> {
  const days = await readSetting<number | null>(db, RETENTION_KEY);
  return typeof days === 'number' && days > 0 ? days : null;
}

export async function setRetentionDays(db: Db, days: number | null, actorId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await writeSetting(tx, RETENTION_KEY, days);
    await audit(tx, { action: 'retention.changed', actorId, data: { days } });
  });
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
 * "Delete my data": erases the prompt and output text of every record the user acted in (their messages and the
 * replies to them), leaving the records and hashes — so the chain still verifies, with that content erased.
 */
export async function eraseUserContent(db: Db, userId: string, actorId: string | null = userId): Promise<{ erased: number }> {
  let erased = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const seqs = await eraseWhere(tx, sql`r.actor_id = ${userId}`, 'erased at the user’s request', BATCH);
      if (seqs.length) await audit(tx, { action: 'user.content.erased', actorId, data: { userId, erased: seqs.length } });
      return seqs.length;
    });
    erased += n;
    if (n < BATCH) break;
  }
  return { erased };
}

async function eraseWhere(db: DbOrTx, condition: SQL, reason: string, limit: number): Promise<number[]> {
  const rows = rowsOf<{ seq: string | number }>(
    await db.execute(sql`
      update audit_contents c set prompt = null, output = null, search = null, erased_at = now(), erased_reason = ${reason}
      where c.seq in (
        select c2.seq from audit_contents c2 join audit_records r on r.seq = c2.seq
        where c2.erased_at is null and ${condition}
        order by c2.seq limit ${limit} for update of c2 skip locked)
      returning c.seq`),
  );
  return rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
}
