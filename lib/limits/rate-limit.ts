import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/client';
import { rateLimits } from '@/db/schema';

/**
 * Fixed-window counters kept in the database, so a limit holds across restarts and across every app instance.
 * One atomic upsert per hit; no read-modify-write race.
 */
export type Window = { limit: number; windowSeconds: number };
export type LimitState = { count: number; allowed: boolean; retryAfterSeconds: number };

export async function hit(db: DbOrTx, key: string, w: Window): Promise<LimitState> {
  const rows = rowsOf<{ count: number; age: number }>(
    await db.execute(sql`
      insert into rate_limits (key, window_start, count) values (${key}, now(), 1)
      on conflict (key) do update set
        count = case when rate_limits.window_start <= now() - make_interval(secs => ${w.windowSeconds})
                     then 1 else rate_limits.count + 1 end,
        window_start = case when rate_limits.window_start <= now() - make_interval(secs => ${w.windowSeconds})
                            then now() else rate_limits.window_start end
      returning count, extract(epoch from now() - window_start)::float8 as age`),
  );
  return toState(rows[0], w);
}

/** The current count without adding to it. */
export async function peek(db: DbOrTx, key: string, w: Window): Promise<LimitState> {
  const rows = rowsOf<{ count: number; age: number }>(
    await db.execute(sql`
      select count, extract(epoch from now() - window_start)::float8 as age from rate_limits
      where key = ${key} and window_start > now() - make_interval(secs => ${w.windowSeconds})`),
  );
  return toState(rows[0] ?? { count: 0, age: 0 }, w, true);
}

export async function reset(db: DbOrTx, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

function toState(row: { count: number; age: number } | undefined, w: Window, peeking = false): LimitState {
  const count = Number(row?.count ?? 0);
  const age = Number(row?.age ?? 0);
  // When peeking, the next attempt would be count + 1.
  const allowed = peeking ? count < w.limit : count <= w.limit;
  return { count, allowed, retryAfterSeconds: Math.max(1, Math.ceil(w.windowSeconds - age)) };
}
