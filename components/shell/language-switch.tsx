'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';

const options = [
  { value: 'en', label: 'English' },
  { value: 'zh-CN', label: '中文' },
] as const;

/** Saves the choice (cookie, and the account when signed in) and re-renders the page in that language. */
export function LanguageSwitch({ current, label }: { current: string; label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <select
      aria-label={label}
      value={current}
      disabled={pending}
      onChange={(e) => {
        const locale = e.target.value;
        startTransition(async () => {
          await fetch('/api/locale', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ locale }),
          });
          router.refresh();
        });
      }}
      className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700"
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
