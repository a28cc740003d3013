import { forbidden, redirect } from 'next/navigation';
import { can, type Permission } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import type { PublicUser } from '@/lib/auth/users';

/** For pages: the signed-in user, or a redirect to sign-in that comes back here. */
export async function pageUser(returnTo: string): Promise<PublicUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?next=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For pages: the signed-in user holding `permission`, or the 403 page. */
export async function pageUserWith(permission: Permission, returnTo: string): Promise<PublicUser> {
  const user = await pageUser(returnTo);
  if (!can(user, permission)) forbidden();
  return user;
}
