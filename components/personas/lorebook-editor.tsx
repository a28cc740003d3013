'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { LorebookEntry } from '@/lib/personas/profile';
import { CheckboxField, TextAreaField } from './form-controls';

/** An entry as the form edits it: key lists as the comma-separated text the user types. */
export type EditableEntry = Omit<LorebookEntry, 'keys' | 'secondaryKeys'> & { keysText: string; secondaryKeysText: string };

export const toEditable = (e: LorebookEntry): EditableEntry => {
  const { keys, secondaryKeys, ...rest } = e;
  return { ...rest, keysText: keys.join(', '), secondaryKeysText: secondaryKeys.join(', ') };
};
export const splitList = (text: string) =>
  text
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter(Boolean);
export const fromEditable = ({ keysText, secondaryKeysText, ...rest }: EditableEntry): LorebookEntry => ({
  ...rest,
  keys: splitList(keysText),
  secondaryKeys: splitList(secondaryKeysText),
});
const blank = (): EditableEntry => ({ keysText: '', secondaryKeysText: '', content: '', enabled: true, order: 100, constant: false, caseSensitive: false });

export function LorebookEditor({
  entries,
  onChange,
  errorFor,
}: {
  entries: EditableEntry[];
  onChange: (entries: EditableEntry[]) => void;
  errorFor: (path: string) => string | null;
}) {
  const t = useTranslations('personas.form');
  const set = (i: number, patch: Partial<EditableEntry>) => onChange(entries.map((e, j) => (i === j ? { ...e, ...patch } : e)));
  return (
    <div className="flex flex-col gap-4">
      {entries.length === 0 && <p className="text-sm text-slate-500">{t('noEntries')}</p>}
      {entries.map((entry, i) => {
        const id = `lore-${i}`;
        const at = `profile.lorebook.${i}`;
        return (
          <div key={i} role="group" aria-label={t('entry', { n: i + 1 })} className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4">
            <div className="flex items-center justify-between">
              <h3 className="text-sm font-semibold text-slate-800">{t('entry', { n: i + 1 })}</h3>
              <Button variant="ghost" onClick={() => onChange(entries.filter((_, j) => j !== i))}>
                {t('removeEntry', { n: i + 1 })}
              </Button>
            </div>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field id={`${id}-keys`} label={t('keys')} hint={t('keysHint')} value={entry.keysText} error={errorFor(`${at}.keys`)} onChange={(e) => set(i, { keysText: e.target.value })} />
              <Field id={`${id}-secondary`} label={t('secondaryKeys')} hint={t('keysHint')} value={entry.secondaryKeysText} error={errorFor(`${at}.secondaryKeys`)} onChange={(e) => set(i, { secondaryKeysText: e.target.value })} />
            </div>
            <TextAreaField id={`${id}-content`} label={t('content')} value={entry.content} rows={3} error={errorFor(`${at}.content`)} onChange={(e) => set(i, { content: e.target.value })} />
            <div className="flex flex-wrap items-end gap-4">
              <CheckboxField id={`${id}-enabled`} label={t('enabled')} checked={entry.enabled} onChange={(v) => set(i, { enabled: v })} />
              <CheckboxField id={`${id}-constant`} label={t('constant')} checked={entry.constant} onChange={(v) => set(i, { constant: v })} />
              <CheckboxField id={`${id}-case`} label={t('caseSensitive')} checked={entry.caseSensitive} onChange={(v) => set(i, { caseSensitive: v })} />
              <Field
                id={`${id}-order`}
                label={t('order')}
                type="number"
                step={1}
                className="w-28"
                value={String(entry.order)}
                error={errorFor(`${at}.order`)}
                onChange={(e) => set(i, { order: Number(e.target.value) })}
              />
            </div>
          </div>
        );
      })}
      <div>
        <Button variant="secondary" onClick={() => onChange([...entries, blank()])}>
          {t('addEntry')}
        </Button>
      </div>
    </div>
  );
}
