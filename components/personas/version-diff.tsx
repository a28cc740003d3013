import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import type { FieldChange } from '@/lib/personas/diff';
import { PersonaAvatar } from './avatar';

/** The changes between two versions, field by field, with before and after side by side (as text). */
export async function VersionDiff({ from, to, changes }: { from: number; to: number; changes: FieldChange[] }) {
  const t = await getTranslations('personas.page');
  const tf = await getTranslations('personas.fields');
  const label = ([field, index, entryField]: FieldChange['path']) => {
    if (index === undefined) return tf(field);
    if (entryField === undefined) return tf('indexed', { field: tf(field), n: index + 1 });
    return tf('entryField', { n: index + 1, field: tf(entryField) });
  };
  const show = (field: string, value: unknown) => {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) {
      return <span className="italic text-slate-400">{t('emptyValue')}</span>;
    }
    if (field === 'avatar' && typeof value === 'string') return <PersonaAvatar assetId={value} name="?" alt={tf('avatar')} size="sm" />;
    if (typeof value === 'boolean') return value ? t('yes') : t('no');
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
    if (typeof value === 'object') return <code className="text-xs">{JSON.stringify(value, null, 2)}</code>;
    return String(value);
  };
  return (
    <section aria-labelledby="diff-title" className="mt-4">
      <h3 id="diff-title" className="text-sm font-semibold text-slate-900">
        {t('diffTitle', { from, to })}
      </h3>
      {changes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{t('noChanges')}</p>
      ) : (
        <ul className="mt-3 flex flex-col gap-3" data-testid="version-diff">
          {changes.map((c) => (
            <li key={c.path.join('.')} className="rounded-lg border border-slate-200 bg-white">
              <div className="flex items-center gap-2 border-b border-slate-100 px-3 py-2">
                <span className="text-sm font-medium text-slate-800">{label(c.path)}</span>
                <Badge tone={c.kind === 'added' ? 'ok' : c.kind === 'removed' ? 'danger' : 'warn'}>{t(`kind.${c.kind}`)}</Badge>
              </div>
              <div className="grid gap-px bg-slate-100 sm:grid-cols-2">
                <div className="bg-red-50/40 p-3">
                  <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{t('before')}</p>
                  <div className="whitespace-pre-wrap break-words text-sm text-slate-800">{show(c.path[0], c.before)}</div>
                </div>
                <div className="bg-emerald-50/40 p-3">
                  <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{t('after')}</p>
                  <div className="whitespace-pre-wrap break-words text-sm text-slate-800">{show(c.path[0], c.after)}</div>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
