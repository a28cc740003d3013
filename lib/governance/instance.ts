import { randomUUID } from 'node:crypto';
import { beforeDbClose, getDb } from '@/db/client';
import { holdProcessLock } from '@/db/session-lock';

// Advisory-lock namespace for "this app process is alive" (two-int form, apart from the single-bigint locks).
export const INSTANCE_LOCK_NAMESPACE = 727_100;

type InstanceState = { id: string; registered?: Promise<void> };
const key = Symbol.for('persona.audit.instance');

function state(): InstanceState {
  const g = globalThis as typeof globalThis & { [key]?: InstanceState };
  return (g[key] ??= { id: randomUUID() });
}

/** This process's id, written next to each model call it starts. */
export function instanceId(): string {
  return state().id;
}

export function instanceLockKey(id: string): number {
  return Number.parseInt(id.replace(/-/g, '').slice(0, 8), 16) | 0;
}

/** Makes this process visibly alive to its peers before it starts any model call. Idempotent. */
export function registerInstance(): Promise<void> {
  const s = state();
  s.registered ??= getDb()
    .then((db) => holdProcessLock(db, INSTANCE_LOCK_NAMESPACE, instanceLockKey(s.id)))
    // The lock ends with the connection; a reopened database needs it taken again.
    .then(() => beforeDbClose(async () => void (s.registered = undefined)))
    .catch((err) => {
      s.registered = undefined;
      throw err;
    });
  return s.registered;
}
