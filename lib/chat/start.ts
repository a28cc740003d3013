import type { Db } from '@/db/client';
import type { PublicUser } from '@/lib/auth/users';
import { getPersonaVersionForChat } from '@/lib/personas/queries';
import { greetingsOf } from './persona-prompt';
import { createChat, type Chat } from './queries';

/** Opens a new chat with a persona the user may see, greeted by the persona's greeting (alternates as swipes). */
export async function startChat(db: Db, user: PublicUser, personaId: string): Promise<Chat> {
  const { persona, version } = await getPersonaVersionForChat(user.id, personaId, db);
  return createChat(db, {
    userId: user.id,
    personaId: persona.id,
    personaVersion: version.version,
    title: version.profile.name,
    greetings: greetingsOf(version.profile, user.name),
  });
}
