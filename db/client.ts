import fs from 'node:fs';
import path from 'node:path';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import * as schema from './schema';

/**
 * The one module that knows which engine runs underneath: postgres.js against `DATABASE_URL` when it is set,
 * otherwise PGlite (embedded PostgreSQL in WASM) with its data under `PGLITE_DIR` (default `.data/pglite`).
 *
 * Both engines expose the same Drizzle pg-core API; we type the handle as the postgres.js flavour so that the rest
 * of the code has one type to work with. The only behavioural difference, the shape `execute()` returns, is
 * smoothed over by `rowsOf()`.
 */
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
export type Engine = 'postgres' | 'pglite';

type Handle = { db: Db; engine: Engine; ready: Promise<void>; close: () => Promise<void> };
type Opened = { db: Db; engine: Engine; close: () => Promise<void>; migrate: () => Promise<void> };

const globalKey = Symbol.for('persona.db');
type GlobalWithDb = typeof globalThis & { [globalKey]?: Handle };

export function engineName(): Engine {
  return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}

export function pgliteDir(): string {
  const dir = process.env.PGLITE_DIR ?? '.data/pglite';
  return dir.startsWith('memory://') ? dir : path.resolve(/*turbopackIgnore: true*/ process.cwd(), dir);
}

async function openPostgres(url: string): Promise<Opened> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    onnotice: () => {},
  });
  const db = drizzle(client, { schema });
  const { migratePostgres } = await import('./migrate');
  return { db, engine: 'postgres', close: () => client.end({ timeout: 5 }), migrate: () => migratePostgres(db, client) };
}

async function openPglite(): Promise<Opened> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dir = pgliteDir();
  if (!dir.startsWith('memory://')) fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzle(client, { schema }) as unknown as Db;
  const { migratePglite } = await import('./migrate');
  return { db, engine: 'pglite', close: () => client.close(), migrate: () => migratePglite(db) };
}

async function open(): Promise<Opened> {
  const url = process.env.DATABASE_URL;
  return url ? openPostgres(url) : openPglite();
}

function handle(): Handle {
  const g = globalThis as GlobalWithDb;
  if (!g[globalKey]) {
    let resolved: Opened | undefined;
    const ready = (async () => {
      const opened = await open();
      await opened.migrate();
      resolved = opened;
    })();
    g[globalKey] = {
      get db() {
        if (!resolved) throw new Error('database not ready: await getDb()');
        return resolved.db;
      },
      get engine() {
        return engineName();
      },
      ready,
      close: async () => {
        await ready.catch(() => {});
        for (const fn of closers) await fn().catch(() => {});
        closers.clear();
        await resolved?.close();
        delete g[globalKey];
      },
    } as Handle;
    // A failed open must not poison the process forever: the next caller tries again.
    ready.catch(() => {
      delete g[globalKey];
    });
  }
  return g[globalKey]!;
}

const closers = new Set<() => Promise<void>>();
/** Runs `fn` before the database closes — e.g. to release a connection held apart from the pool. */
export function beforeDbClose(fn: () => Promise<void>): void {
  closers.add(fn);
}

/** The database, opened and migrated on first use. */
export async function getDb(): Promise<Db> {
  const h = handle();
  await h.ready;
  return h.db;
}

export async function closeDb(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  await g[globalKey]?.close();
}

/** `db.execute()` returns `{ rows }` on PGlite and an array on postgres.js. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
