import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { pageUser } from '@/app/_lib/guards';
import { getDb } from '@/db/client';
import { galleryQuerySchema } from '@/lib/personas/profile';
import { listGallery } from '@/lib/personas/queries';
import { PersonaTile } from '@/components/personas/persona-tile';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function PersonasGalleryPage({ searchParams }: { searchParams: Search }) {
  const user = await pageUser('/personas');
  const t = await getTranslations('personas');
  const raw = await searchParams;
  const parsed = galleryQuerySchema.safeParse({ q: raw.q, tag: raw.tag, page: raw.page });
  const query = parsed.success ? parsed.data : { q: '', tag: '', page: 1 };
  const gallery = await listGallery(await getDb(), user.id, query);
  const filtered = Boolean(query.q || query.tag);
  const href = (patch: Partial<typeof query>) => {
    const p = new URLSearchParams();
    const next = { ...query, ...patch };
    if (next.q) p.set('q', next.q);
    if (next.tag) p.set('tag', next.tag);
    if (next.page > 1) p.set('page', String(next.page));
    const s = p.toString();
    return s ? `/personas?${s}` : '/personas';
  };
  const actions = (
    <>
      <Link href="/personas/import" className={buttonClass('secondary')}>
        {t('importCard')}
      </Link>
      <Link href="/personas/new" className={buttonClass('primary')}>
        {t('newPersona')}
      </Link>
    </>
  );

  return (
    <>
      <PageHeader title={t('title')} lead={t('lead')} actions={actions} />
      <form role="search" action="/personas" className="mb-6 flex flex-wrap items-end gap-3">
        <div className="flex min-w-64 flex-1 flex-col gap-1">
          <label htmlFor="gallery-q" className="text-sm font-medium text-slate-700">
            {t('searchLabel')}
          </label>
          <input
            id="gallery-q"
            name="q"
            type="search"
            defaultValue={query.q}
            placeholder={t('searchPlaceholder')}
            className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
          />
        </div>
        {query.tag && <input type="hidden" name="tag" value={query.tag} />}
        <button type="submit" className={buttonClass('secondary')}>
          {t('search')}
        </button>
        {query.tag && (
          <p className="flex items-center gap-2 text-sm text-slate-600">
            {t('filteredByTag', { tag: query.tag })}
            <Link href={href({ tag: '', page: 1 })} className="text-brand-700 underline">
              {t('clearFilter')}
            </Link>
          </p>
        )}
      </form>

      {gallery.items.length === 0 ? (
        filtered ? (
          <EmptyState title={t('noMatches')} body={t('noMatchesBody')} />
        ) : (
          <EmptyState title={t('empty')} body={t('emptyBody')} action={<div className="flex gap-2">{actions}</div>} />
        )
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-500" role="status">
            {t('results', { total: gallery.total })}
          </p>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {gallery.items.map((item) => (
              <PersonaTile
                key={item.id}
                item={item}
                labels={{
                  by: t('by', { owner: item.ownerName }),
                  avatarAlt: t('avatarAlt', { name: item.name }),
                  tags: t('tagsLabel'),
                  visibility: item.ownerId === user.id ? t(`visibility.${item.visibility}`) : null,
                }}
              />
            ))}
          </ul>
          {gallery.pageCount > 1 && (
            <nav aria-label={t('pagination')} className="mt-6 flex items-center justify-between">
              {query.page > 1 ? (
                <Link href={href({ page: query.page - 1 })} className={buttonClass('secondary')}>
                  {t('previous')}
                </Link>
              ) : (
                <span />
              )}
              <span className="text-sm text-slate-600">{t('pageOf', { page: query.page, count: gallery.pageCount })}</span>
              {query.page < gallery.pageCount ? (
                <Link href={href({ page: query.page + 1 })} className={buttonClass('secondary')}>
                  {t('next')}
                </Link>
              ) : (
                <span />
              )}
            </nav>
          )}
        </>
      )}
    </>
  );
}
