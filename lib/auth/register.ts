import type { Db } from '@/db/client';
import { hashPassword } from './password';
import type { Locale, RegisterBody } from './schemas';
import { createUser, type PublicUser } from './users';

export async function registerUser(db: Db, body: RegisterBody, locale?: Locale): Promise<PublicUser> {
  const passwordHash = await hashPassword(body.password);
  return createUser(db, { email: body.email, name: body.name, passwordHash, locale });
}
