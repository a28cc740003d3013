import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { pageUserWith } from '@/app/_lib/guards';
import { getDb } from '@/db/client';
import { DomainError } from '@/lib/errors';
import {
  getMemoryPersonaOrThrow,
  isMemoryEnabled,
  listMemories,
  MEMORY_KINDS,
  MEMORY_TEXT_MAX,
  toMemoryPageView,
} from '@/lib/memory';
import { MemoryManager } from '@/components/memory/memory-manager';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';

export default async function PersonaMemoryPage({ params }: { params: Promise<{ personaId: string }> }) {
  const { personaId } = await params;
  const user = await pageUserWith('memory.use', `/memory/${personaId}`);
  const db = await getDb();
  const t = await getTranslations('memory');
  const persona = await getMemoryPersonaOrThrow(db, user.id, personaId).catch((err: unknown) => {
    if (err instanceof DomainError && err.code === 'not_found') notFound();
    throw err;
  });
  const [enabled, first] = await Promise.all([
    isMemoryEnabled(db, user.id),
    listMemories(db, { userId: user.id, personaId: persona.personaId }),
  ]);
  return (
    <>
      <Link href="/memory" className="mb-3 inline-block text-sm text-brand-700 hover:underline">
        ← {t('backToAll')}
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {t('personaTitle', { name: persona.name })}
            {persona.deleted && <Badge tone="warn">{t('personaDeleted')}</Badge>}
          </span>
        }
        lead={t('personaLead', { name: persona.name })}
      />
      <div className="flex flex-col gap-4">
        {!enabled && (
          <p role="note" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
            {t('offNotice', { name: persona.name })}{' '}
            <Link href="/memory" className="font-medium underline">
              {t('offNoticeLink')}
            </Link>
          </p>
        )}
        <p className="rounded-lg bg-slate-100 px-4 py-2 text-sm text-slate-700">{t('chatDeleteNote')}</p>
        <MemoryManager
          personaId={persona.personaId}
          personaName={persona.name}
          initial={toMemoryPageView(first)}
          kinds={MEMORY_KINDS}
          textMax={MEMORY_TEXT_MAX}
        />
      </div>
    </>
  );
}
