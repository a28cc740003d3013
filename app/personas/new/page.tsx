import { getTranslations } from 'next-intl/server';
import { pageUserWith } from '@/app/_lib/guards';
import { getDb } from '@/db/client';
import { PersonaForm } from '@/components/personas/persona-form';
import { modelChoices } from '@/lib/personas/model-choices';
import { PageHeader } from '@/components/ui/page-header';
import { emptyProfile } from '@/lib/personas/profile';

export default async function NewPersonaPage() {
  const user = await pageUserWith('persona.create', '/personas/new');
  const t = await getTranslations('personas.form');
  const initial = {
    profile: emptyProfile(''),
    visibility: 'private' as const,
    model: { modelId: null, temperature: null, maxOutputTokens: null },
    avatarAssetId: null,
    version: null,
  };
  return (
    <>
      <PageHeader title={t('createTitle')} lead={t('createLead')} />
      <PersonaForm initial={initial} userName={user.name} models={await modelChoices(await getDb(), null)} />
    </>
  );
}
