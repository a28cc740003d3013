import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { registerUser } from '@/lib/auth/register';
import { changeRole } from '@/lib/auth/roles';
import { signInLimits, signInWithPassword } from '@/lib/auth/sign-in';
import { getUserById } from '@/lib/auth/users';
import { DomainError } from '@/lib/errors';
import { freshDb, uniqueEmail } from './db';

let db: Db;
beforeEach(async () => {
  db = await freshDb();
});

describe('accounts and roles', () => {
  it('makes the first account admin and later ones members', async () => {
    const first = await registerUser(db, { email: uniqueEmail('a'), name: 'A', password: 'password1' });
    const second = await registerUser(db, { email: uniqueEmail('b'), name: 'B', password: 'password1' });
    expect(first.role).toBe('admin');
    expect(second.role).toBe('member');
  });

  it('gives exactly one admin when several people register at once on an empty database', async () => {
    const users = await Promise.all(
      Array.from({ length: 6 }, (_, i) => registerUser(db, { email: uniqueEmail(`c${i}`), name: 'C', password: 'password1' })),
    );
    expect(users.filter((u) => u.role === 'admin')).toHaveLength(1);
  });

  it('refuses a taken email whatever its case, with a conflict on the email field', async () => {
    const email = uniqueEmail('dup');
    await registerUser(db, { email, name: 'D', password: 'password1' });
    const err = await registerUser(db, { email: email.toUpperCase().toLowerCase(), name: 'D2', password: 'password1' }).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe('conflict');
    expect(err.fields).toEqual({ email: 'email_taken' });
  });

  it('lets an admin change another user’s role but not their own', async () => {
    const admin = await registerUser(db, { email: uniqueEmail('admin'), name: 'Admin', password: 'password1' });
    const member = await registerUser(db, { email: uniqueEmail('m'), name: 'M', password: 'password1' });
    await changeRole(db, admin, member.id, 'auditor');
    expect((await getUserById(db, member.id))?.role).toBe('auditor');
    await expect(changeRole(db, admin, admin.id, 'member')).rejects.toMatchObject({ code: 'conflict' });
    await expect(changeRole(db, admin, '00000000-0000-0000-0000-000000000000', 'member')).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('password sign-in', () => {
  it('accepts the right password and gives one generic answer for a wrong password or unknown email', async () => {
    const email = uniqueEmail('s');
    await registerUser(db, { email, name: 'S', password: 'password1' });
    expect(await signInWithPassword(db, email, 'password1', '10.0.0.1')).toMatchObject({ ok: true });
    expect(await signInWithPassword(db, email, 'wrong-pass', '10.0.0.1')).toEqual({ ok: false, reason: 'invalid_credentials' });
    expect(await signInWithPassword(db, uniqueEmail('ghost'), 'password1', '10.0.0.1')).toEqual({
      ok: false,
      reason: 'invalid_credentials',
    });
  });

  it('refuses an account after repeated failures, even with the right password, until the window ends', async () => {
    const email = uniqueEmail('r');
    await registerUser(db, { email, name: 'R', password: 'password1' });
    for (let i = 0; i < signInLimits.account.limit; i++) {
      await signInWithPassword(db, email, 'wrong-pass', `10.0.1.${i}`);
    }
    const blocked = await signInWithPassword(db, email, 'password1', '10.0.2.1');
    expect(blocked).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(blocked.ok === false && blocked.reason === 'rate_limited' && blocked.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('refuses an address that fails across many accounts', async () => {
    const address = '10.9.9.9';
    for (let i = 0; i < signInLimits.address.limit; i++) {
      await signInWithPassword(db, uniqueEmail(`spray${i}`), 'wrong-pass', address);
    }
    const email = uniqueEmail('victim');
    await registerUser(db, { email, name: 'V', password: 'password1' });
    expect(await signInWithPassword(db, email, 'password1', address)).toMatchObject({ reason: 'rate_limited' });
    expect(await signInWithPassword(db, email, 'password1', '10.9.9.10')).toMatchObject({ ok: true });
  });
});

describe('role changes are governance events', () => {
  it('records who changed whose role, from what to what', async () => {
    const { auditRecords } = await import('@/db/schema');
    const { eq } = await import('drizzle-orm');
    const admin = await registerUser(db, { email: uniqueEmail('admin'), name: 'Admin', password: 'password1' });
    const member = await registerUser(db, { email: uniqueEmail('m'), name: 'M', password: 'password1' });
    await changeRole(db, admin, member.id, 'auditor');
    const [record] = await db.select().from(auditRecords).where(eq(auditRecords.kind, 'event.user.role.changed'));
    expect(record).toBeDefined();
    expect(record!.actorId).toBe(admin.id);
    expect(JSON.parse(record!.envelope)).toMatchObject({ data: { userId: member.id, from: 'member', to: 'auditor' } });
  });
});
