import { getTranslations } from 'next-intl/server';
import { pageUser } from '@/app/_lib/guards';
import { getDb } from '@/db/client';
import { getPersonaForEditOrThrow } from '@/lib/personas/queries';
import { PersonaForm } from '@/components/personas/persona-form';
import { modelChoices } from '@/lib/personas/model-choices';
import { PageHeader } from '@/components/ui/page-header';
import { profileSchema } from '@/lib/personas/profile';
import { orErrorPage } from '@/app/_lib/error-page';

export default async function EditPersonaPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await pageUser(`/personas/${id}/edit`);
  const persona = await orErrorPage(getPersonaForEditOrThrow(await getDb(), user.id, id));
  const t = await getTranslations('personas.form');
  const v = persona.current;
  const initial = {
    // Fill defaults for fields an older version may lack, so the form always has every field.
    profile: profileSchema.parse(v.profile),
    visibility: persona.visibility,
    model: v.model,
    avatarAssetId: v.avatarAssetId,
    version: persona.currentVersion,
  };
  return (
    <>
      <PageHeader title={t('editTitle', { name: v.profile.name })} lead={t('editLead', { next: persona.currentVersion + 1 })} />
      <PersonaForm personaId={persona.id} initial={initial} userName={user.name} models={await modelChoices(await getDb(), v.model.modelId)} />
    </>
  );
}
