import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db, type DbOrTx, type Tx } from '@/db/client';
import { appVersion } from './app-version';
import { GENESIS_HASH } from './canonical';
import { sealRecord } from './envelope';
import type { AppendedRecord } from './types';

/** Every envelope field except the four the chain assigns under the head lock (seq, time, prev_hash, app_version). */
export type RecordFields = {
  id: string;
  kind: string;
  [field: string]: unknown;
};

/**
 * A record ready to append. `content` is what content_hash covers; `search` is the SQL for its tsvector (an
 * expression, so an end record can join its start's tokens without a round trip).
 */
export type PreparedRecord = {
  fields: RecordFields;
  content: { prompt: string | null; output: string | null; search: SQL | null } | null;
};

export function isTransaction(db: DbOrTx): db is Tx {
  // Not `instanceof PgTransaction`: a bundler may load drizzle-orm's classes more than once (it did under Next's
  // production build), and a missed transaction would append outside it. Only a transaction can roll back.
  return typeof (db as { rollback?: unknown }).rollback === 'function';
}

type Head = { seq: number; hash: string; time: number };

/** Locks the chain head for the rest of the caller's transaction. Recreates the genesis row if it is missing. */
async function lockHead(tx: Tx): Promise<Head> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const [row] = rowsOf<{ seq: string | number; hash: string; time: string | Date | null }>(
      await tx.execute(sql`select seq, hash, time from audit_head where id = 1 for update`),
    );
    if (row) return { seq: Number(row.seq), hash: row.hash, time: row.time ? new Date(row.time).getTime() : 0 };
    await tx.execute(sql`insert into audit_head (id, seq, hash) values (1, 0, ${GENESIS_HASH}) on conflict do nothing`);
  }
  throw new Error('audit_head is missing');
}

/**
 * Appends records to the chain inside `tx`: lock the head, number and hash each record, insert records and contents
 * and move the head — one statement after the lock, so the lock is held for two round trips plus the commit.
 * The head stays locked until the caller's transaction ends: callers should append last, just before commit.
 */
export async function appendPrepared(tx: Tx, records: PreparedRecord[]): Promise<AppendedRecord[]> {
  if (!records.length) return [];
  const head = await lockHead(tx);
  // Never earlier than the record before, whatever this instance's clock says: chain order is time order.
  const time = new Date(Math.max(Date.now(), head.time)).toISOString();
  const version = appVersion();
  let seq = head.seq;
  let prev = head.hash;
  const rows = records.map((r) => {
    seq += 1;
    const { envelope, hash } = sealRecord(r.fields, { seq, time, prevHash: prev, appVersion: version });
    prev = hash;
    return { seq, envelope, hash, record: r };
  });

  const recordValues = sql.join(
    rows.map((r) => sql`(${r.envelope}, ${r.hash})`),
    sql`, `,
  );
  const withContent = rows.filter((r) => r.record.content);
  const contentValues = sql.join(
    withContent.map((r) => {
      const c = r.record.content!;
      return sql`(${r.seq}::bigint, ${c.prompt}::text, ${c.output}::text, ${c.search ?? sql`null::tsvector`})`;
    }),
    sql`, `,
  );
  const contentCte = withContent.length
    ? sql`, c as (insert into audit_contents (seq, prompt, output, search) values ${contentValues})`
    : sql``;
  await tx.execute(sql`
    with r as (insert into audit_records (envelope, hash) values ${recordValues})${contentCte}
    update audit_head set seq = ${seq}, hash = ${prev}, time = ${time}::timestamptz where id = 1`);
  return rows.map((r) => ({ seq: r.seq, id: String(r.record.fields.id), hash: r.hash, time }));
}

type Waiter = { record: PreparedRecord; resolve: (r: AppendedRecord) => void; reject: (e: unknown) => void };

// Large enough to amortise the commit, small enough to keep one statement's parameters well under 65,535.
const MAX_BATCH = 500;

/**
 * Group commit for appends that are not part of a caller's transaction. Appends that arrive while a batch is
 * committing wait and go together in the next transaction: one head lock and one WAL flush for the lot, so many
 * concurrent writers are not limited to one commit per record. Chain order and atomicity per record are unchanged.
 */
class GroupAppender {
  private queue: Waiter[] = [];
  private draining = false;

  append(db: Db, record: PreparedRecord): Promise<AppendedRecord> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (!this.draining) void this.drain(db);
    });
  }

  private async drain(db: Db): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const done = await db.transaction((tx) => appendPrepared(tx, batch.map((w) => w.record)));
          batch.forEach((w, i) => w.resolve(done[i]!));
        } catch (err) {
          if (batch.length === 1) batch[0]!.reject(err);
          // One bad record must not fail its neighbours: retry them one by one.
          else for (const w of batch) await appendOne(db, w.record).then(w.resolve, w.reject);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}

const appenderKey = Symbol.for('persona.audit.appender');
function groupAppender(): GroupAppender {
  const g = globalThis as typeof globalThis & { [appenderKey]?: GroupAppender };
  return (g[appenderKey] ??= new GroupAppender());
}

async function appendOne(db: Db, record: PreparedRecord): Promise<AppendedRecord> {
  return db.transaction(async (tx) => (await appendPrepared(tx, [record]))[0]!);
}

/** In the caller's transaction when given one (commits with the caller's change); otherwise group-committed. */
export async function appendRecord(db: DbOrTx, record: PreparedRecord): Promise<AppendedRecord> {
  if (isTransaction(db)) return (await appendPrepared(db, [record]))[0]!;
  return groupAppender().append(db, record);
}
