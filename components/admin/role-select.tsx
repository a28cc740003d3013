'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { postJson } from '@/components/http';

const roles = ['member', 'auditor', 'admin'] as const;

export function RoleSelect({ userId, role, label, disabled }: { userId: string; role: string; label: string; disabled?: boolean }) {
  const tr = useTranslations('roles');
  const t = useTranslations('admin');
  const te = useTranslations('errors');
  const [value, setValue] = useState(role);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="flex items-center gap-2">
      <select
        aria-label={label}
        value={value}
        disabled={disabled}
        onChange={async (e) => {
          const next = e.target.value;
          const previous = value;
          setValue(next);
          const res = await postJson(`/api/admin/users/${userId}`, { role: next }, 'PATCH');
          if (res.ok) setStatus({ ok: true, text: t('saved') });
          else {
            setValue(previous);
            setStatus({ ok: false, text: te('generic') });
          }
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm disabled:bg-slate-50 disabled:text-slate-500"
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {tr(r)}
          </option>
        ))}
      </select>
      {status && (
        <span role="status" className={status.ok ? 'text-xs text-emerald-700' : 'text-xs text-red-600'}>
          {status.text}
        </span>
      )}
    </div>
  );
}
