'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { postJson } from '@/components/http';

type Mode = 'signin' | 'register';

export function AuthForm({ mode, next }: { mode: Mode; next?: string }) {
  const t = useTranslations('auth');
  const te = useTranslations('errors');
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setFormError(null);
    const data = Object.fromEntries(new FormData(e.currentTarget));
    const res = await postJson(mode === 'signin' ? '/api/session' : '/api/users', data);
    setBusy(false);
    if (res.ok) {
      router.push(next && next.startsWith('/') && !next.startsWith('//') ? next : '/personas');
      router.refresh();
      return;
    }
    const err = res.error;
    setFields(err.fields ?? {});
    if (err.code === 'rate_limited') {
      setFormError(te('rate_limited', { minutes: Math.max(1, Math.ceil((res.retryAfter ?? 60) / 60)) }));
    } else if (err.code === 'invalid_credentials') {
      setFormError(te('invalid_credentials'));
    } else if (!err.fields) {
      setFormError(te(err.code === 'network' ? 'network' : 'generic'));
    }
  }

  const fieldError = (name: string) => (fields[name] ? te(fields[name] as 'required') : null);

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-busy={busy}>
      {mode === 'register' && (
        <Field id="name" name="name" label={t('name')} autoComplete="nickname" error={fieldError('name')} />
      )}
      <Field id="email" name="email" type="email" label={t('email')} autoComplete="email" error={fieldError('email')} />
      <Field
        id="password"
        name="password"
        type="password"
        label={t('password')}
        autoComplete={mode === 'signin' ? 'current-password' : 'new-password'}
        hint={mode === 'register' ? t('passwordHint') : undefined}
        error={fieldError('password')}
      />
      {formError && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {formError}
          {fields.email === 'email_taken' && (
            <>
              {' '}
              <Link href="/signin" className="underline">
                {t('submitSignIn')}
              </Link>
            </>
          )}
        </p>
      )}
      <Button type="submit" disabled={busy}>
        {busy ? t('working') : mode === 'signin' ? t('submitSignIn') : t('submitRegister')}
      </Button>
    </form>
  );
}
