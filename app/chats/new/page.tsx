import { getTranslations } from 'next-intl/server';
import { pageUser } from '@/app/_lib/guards';
import { getDb } from '@/db/client';
import { getPersonaVersionForChat } from '@/lib/personas/queries';
import { startChatAction } from './actions';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';

// /chats/new?persona=<id> — confirms which persona, then starts the chat with a POST (a server action), never on GET.
export default async function NewChatPage({ searchParams }: { searchParams: Promise<{ persona?: string }> }) {
  const { persona: personaId = '' } = await searchParams;
  const user = await pageUser(`/chats/new?persona=${encodeURIComponent(personaId)}`);
  const t = await getTranslations('chats');
  const found = await getPersonaVersionForChat(user.id, personaId, await getDb()).catch(() => null);
  if (!found) return <EmptyState title={t('personaMissing')} body={t('personaMissingBody')} />;

  return (
    <Card className="mx-auto max-w-md text-center">
      <h1 className="text-lg font-semibold">{t('startWith', { name: found.version.profile.name })}</h1>
      {found.version.profile.tagline && <p className="mt-1 text-sm text-slate-600">{found.version.profile.tagline}</p>}
      <form action={startChatAction} className="mt-4">
        <input type="hidden" name="persona" value={personaId} />
        <Button type="submit" autoFocus>
          {t('startChat')}
        </Button>
      </form>
    </Card>
  );
}
