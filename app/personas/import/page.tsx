import { getTranslations } from 'next-intl/server';
import { pageUserWith } from '@/app/_lib/guards';
import { ImportCardForm } from '@/components/personas/import-card-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { CARD_MAX_BYTES } from '@/lib/personas/limits';

export default async function ImportCardPage() {
  await pageUserWith('persona.create', '/personas/import');
  const t = await getTranslations('personas.import');
  return (
    <>
      <PageHeader title={t('title')} lead={t('lead')} />
      <Card className="max-w-xl">
        <ImportCardForm maxBytes={CARD_MAX_BYTES} />
      </Card>
    </>
  );
}
