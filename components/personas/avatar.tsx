import { cn } from '@/components/ui/cn';

/** A persona's avatar, or its initial on a tinted square when it has none. */
export function PersonaAvatar({ assetId, src, name, alt, size = 'md' }: { assetId?: string | null; src?: string | null; name: string; alt: string; size?: 'sm' | 'md' | 'lg' }) {
  const url = src ?? (assetId ? `/api/assets/${assetId}` : null);
  const box = { sm: 'h-12 w-12 text-lg', md: 'h-16 w-16 text-2xl', lg: 'h-28 w-28 text-4xl' }[size];
  if (url) {
    // A plain img: the route checks access per user, which next/image's shared optimiser cache would not.
    return <img src={url} alt={alt} className={cn(box, 'shrink-0 rounded-xl object-cover ring-1 ring-slate-200')} />;
  }
  return (
    <div role="img" aria-label={alt} className={cn(box, 'grid shrink-0 place-items-center rounded-xl bg-brand-50 font-semibold text-brand-700 ring-1 ring-brand-100')}>
      {Array.from(name.trim())[0]?.toUpperCase() ?? '?'}
    </div>
  );
}
