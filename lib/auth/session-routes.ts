import { DomainError, rateLimited } from '@/lib/errors';
import { signIn, signOut } from './auth';
import type { SignInBody } from './schemas';

/** Signs in through Auth.js (which sets the session cookie) and turns its errors into domain errors. */
export async function signInRoute(body: SignInBody): Promise<{ ok: true }> {
  try {
    await signIn('credentials', { email: body.email, password: body.password, redirect: false });
    return { ok: true };
  } catch (err) {
    const cause = findCause(err);
    if (cause?.code === 'rate_limited') throw rateLimited(cause.retryAfterSeconds ?? 60);
    if (cause) throw new DomainError('invalid_credentials', 'Email or password is incorrect');
    throw err;
  }
}

export async function signOutRoute(): Promise<{ ok: true }> {
  await signOut({ redirect: false });
  return { ok: true };
}

type CredentialsError = Error & { type?: string; code?: string; retryAfterSeconds?: number };

function findCause(err: unknown): CredentialsError | undefined {
  // Auth.js may wrap the provider's error, and bundling can duplicate its classes (so no instanceof): walk the
  // cause chain looking for the error type Auth.js gives credential failures.
  let e: unknown = err;
  for (let i = 0; i < 5 && e instanceof Error; i++) {
    if ((e as CredentialsError).type === 'CredentialsSignin') return e as CredentialsError;
    e = (e as Error & { cause?: unknown }).cause;
  }
  return undefined;
}
