import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { githubEnabled } from '@/lib/auth/oauth';
import { getCurrentUser } from '@/lib/auth/session';
import { Card } from '@/components/ui/card';
import { AuthForm } from './auth-form';
import { GitHubButton } from './github-button';

export async function AuthPage({ mode, next }: { mode: 'signin' | 'register'; next?: string }) {
  if (await getCurrentUser()) redirect('/personas');
  const t = await getTranslations('auth');
  return (
    <div className="mx-auto max-w-sm py-8">
      <Card>
        <h1 className="mb-6 text-xl font-semibold">{mode === 'signin' ? t('signInTitle') : t('registerTitle')}</h1>
        <AuthForm mode={mode} next={next} />
        {githubEnabled() && (
          <div className="mt-6 flex flex-col gap-3">
            <p className="text-center text-xs uppercase tracking-wide text-slate-500">{t('orContinueWith')}</p>
            <GitHubButton label={t('github')} next={next} />
          </div>
        )}
        <p className="mt-6 text-center text-sm text-slate-600">
          {mode === 'signin' ? t('noAccount') : t('haveAccount')}{' '}
          <Link href={mode === 'signin' ? '/register' : '/signin'} className="font-medium text-brand-700 hover:underline">
            {mode === 'signin' ? t('submitRegister') : t('submitSignIn')}
          </Link>
        </p>
        {mode === 'register' && <p className="mt-4 text-center text-xs text-slate-500">{t('firstUserNote')}</p>}
      </Card>
    </div>
  );
}
