import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { pageUserWith } from '@/app/_lib/guards';
import { getDb } from '@/db/client';
import { isMemoryEnabled, listMemoryPersonas } from '@/lib/memory';
import { MemorySwitch } from '@/components/memory/memory-switch';
import { PersonaAvatar } from '@/components/personas/avatar';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

export default async function MemoryPage() {
  const user = await pageUserWith('memory.use', '/memory');
  const db = await getDb();
  const [t, enabled, personas] = await Promise.all([
    getTranslations('memory'),
    isMemoryEnabled(db, user.id),
    listMemoryPersonas(db, user.id),
  ]);
  return (
    <>
      <PageHeader title={t('title')} lead={t('lead')} />
      <div className="flex flex-col gap-6">
        <MemorySwitch initialEnabled={enabled} />
        <section aria-labelledby="memory-personas" className="flex flex-col gap-3">
          <h2 id="memory-personas" className="text-base font-semibold text-slate-900">
            {t('personasTitle')}
          </h2>
          {personas.length === 0 ? (
            <EmptyState title={t('empty')} body={t('emptyBody')} />
          ) : (
            <ul className="grid gap-3 sm:grid-cols-2">
              {personas.map((p) => (
                <li key={p.personaId}>
                  <Link
                    href={`/memory/${p.personaId}`}
                    aria-label={t('openPersona', { name: p.name })}
                    className="flex items-center gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition-colors hover:border-brand-300 hover:bg-brand-50/40"
                  >
                    <PersonaAvatar assetId={p.avatarAssetId} name={p.name} alt="" size="sm" />
                    <div className="min-w-0 flex-1">
                      <p className="flex items-center gap-2 truncate font-medium text-slate-900">
                        <span className="truncate">{p.name}</span>
                        {p.deleted && <Badge tone="warn">{t('personaDeleted')}</Badge>}
                      </p>
                      <p className="text-sm text-slate-500">
                        {t('personaCounts', { memories: p.memoryCount, chats: p.chatCount })}
                      </p>
                    </div>
                    <span aria-hidden className="text-slate-400">
                      →
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
