import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { GalleryItem } from '@/lib/personas/queries';
import { PersonaAvatar } from './avatar';

/** One persona in the gallery grid; the whole tile links to the persona page. */
export function PersonaTile({ item, labels }: { item: GalleryItem; labels: { by: string; avatarAlt: string; visibility: string | null; tags: string } }) {
  return (
    <li className="relative flex gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition hover:border-brand-500/50 hover:shadow">
      <PersonaAvatar assetId={item.avatarAssetId} name={item.name} alt={labels.avatarAlt} />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex items-start justify-between gap-2">
          <h2 className="truncate font-semibold text-slate-900">
            <Link href={`/personas/${item.id}`} className="after:absolute after:inset-0 focus-visible:outline-none">
              {item.name}
            </Link>
          </h2>
          {labels.visibility && <Badge tone={item.visibility === 'private' ? 'neutral' : 'brand'}>{labels.visibility}</Badge>}
        </div>
        {item.tagline && <p className="line-clamp-2 text-sm text-slate-600">{item.tagline}</p>}
        <p className="text-xs text-slate-500">{labels.by}</p>
        {item.tags.length > 0 && (
          <ul className="relative z-10 mt-1 flex flex-wrap gap-1" aria-label={labels.tags}>
            {item.tags.slice(0, 5).map((tag) => (
              <li key={tag}>
                <Link href={`/personas?tag=${encodeURIComponent(tag)}`} className="rounded-full hover:ring-1 hover:ring-brand-500">
                  <Badge>{tag}</Badge>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}
