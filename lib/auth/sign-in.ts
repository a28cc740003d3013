import type { Db } from '@/db/client';
import { hit, peek, reset, type Window } from '@/lib/limits/rate-limit';
import { decoyHash, verifyPassword } from './password';
import { findUserByEmail, toPublic, type PublicUser } from './users';

/** Failed sign-ins allowed per account and per client address in a window; past that, 429 until it ends. */
export const signInLimits = {
  account: { limit: Number(process.env.SIGNIN_MAX_FAILURES ?? 5), windowSeconds: 15 * 60 },
  address: { limit: Number(process.env.SIGNIN_MAX_FAILURES_PER_ADDRESS ?? 30), windowSeconds: 15 * 60 },
} satisfies Record<string, Window>;

export type SignInResult =
  | { ok: true; user: PublicUser }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

export async function signInWithPassword(
  db: Db,
  email: string,
  password: string,
  address: string,
): Promise<SignInResult> {
  const accountKey = `signin:account:${email.toLowerCase()}`;
  const addressKey = `signin:address:${address}`;
  const [byAccount, byAddress] = await Promise.all([
    peek(db, accountKey, signInLimits.account),
    peek(db, addressKey, signInLimits.address),
  ]);
  const blocked = [byAccount, byAddress].find((s) => !s.allowed);
  if (blocked) return { ok: false, reason: 'rate_limited', retryAfterSeconds: blocked.retryAfterSeconds };

  const user = await findUserByEmail(db, email);
  // Hash even when there is no such account, so the response time does not tell which emails exist.
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !user.passwordHash || !valid) {
    await Promise.all([hit(db, accountKey, signInLimits.account), hit(db, addressKey, signInLimits.address)]);
    return { ok: false, reason: 'invalid_credentials' };
  }
  await reset(db, accountKey);
  return { ok: true, user: toPublic(user) };
}
