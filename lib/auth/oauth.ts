import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { oauthAccounts } from '@/db/schema';
import { createUser, findUserByEmail } from './users';

/** Links an OAuth identity to our user (found by a verified email, or created), returning our user id. */
export async function userIdForOAuth(
  db: Db,
  provider: string,
  providerAccountId: string,
  profile: { email?: string | null; name?: string | null },
): Promise<string> {
  const [linked] = await db
    .select({ userId: oauthAccounts.userId })
    .from(oauthAccounts)
    .where(and(eq(oauthAccounts.provider, provider), eq(oauthAccounts.providerAccountId, providerAccountId)))
    .limit(1);
  if (linked) return linked.userId;
  const email = (profile.email ?? `${provider}-${providerAccountId}@users.noreply.local`).toLowerCase();
  const user =
    (await findUserByEmail(db, email)) ??
    (await createUser(db, { email, name: profile.name?.trim() || email.split('@')[0]!, passwordHash: null }));
  await db.insert(oauthAccounts).values({ provider, providerAccountId, userId: user.id }).onConflictDoNothing();
  return user.id;
}

export function githubEnabled(): boolean {
  return Boolean(process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET);
}
