'use server';

import { redirect } from 'next/navigation';
import { pageUser } from '@/app/_lib/guards';
import { getDb } from '@/db/client';
import { startChat } from '@/lib/chat/start';

/** Starts a chat with the persona named in the form, then opens it. */
export async function startChatAction(form: FormData): Promise<void> {
  const personaId = String(form.get('persona') ?? '');
  const user = await pageUser(`/chats/new?persona=${encodeURIComponent(personaId)}`);
  const chat = await startChat(await getDb(), user, personaId);
  redirect(`/chats/${chat.id}`);
}
