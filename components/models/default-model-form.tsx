'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { postJson } from '@/components/http';
import { Button } from '@/components/ui/button';

export type ModelOption = { id: string; name: string };

export function DefaultModelForm({ options, current }: { options: ModelOption[]; current: string }) {
  const t = useTranslations('models');
  const te = useTranslations('errors');
  const [value, setValue] = useState(options.some((o) => o.id === current) ? current : (options[0]?.id ?? ''));
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaving(true);
    setStatus(null);
    const res = await postJson('/api/admin/models/default', { modelId: value }, 'PUT');
    setSaving(false);
    if (res.ok) return setStatus({ ok: true, text: t('saved') });
    const key = res.error.fields?.modelId ?? (res.status === 0 ? 'network' : 'generic');
    setStatus({ ok: false, text: te.has(key) ? te(key) : te('generic') });
  }

  return (
    <form onSubmit={save} className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor="default-model" className="text-sm font-medium text-slate-700">
          {t('defaultLabel')}
        </label>
        <select
          id="default-model"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby="default-model-hint"
          className="min-w-64 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
        >
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={saving || !value}>
        {saving ? t('saving') : t('save')}
      </Button>
      <p id="default-model-hint" className="w-full text-xs text-slate-500">
        {t('defaultHint')}
      </p>
      {status && (
        <p role="status" className={status.ok ? 'w-full text-sm text-emerald-700' : 'w-full text-sm text-red-600'}>
          {status.text}
        </p>
      )}
    </form>
  );
}
