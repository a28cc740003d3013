import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { LanguageSwitch } from './language-switch';
import { NavLinks, type NavItem } from './nav-links';
import { SignOutButton } from './sign-out-button';

export async function AppHeader() {
  const [user, t, tr, locale] = await Promise.all([
    getCurrentUser(),
    getTranslations('nav'),
    getTranslations('roles'),
    getLocale(),
  ]);
  const items: NavItem[] = user
    ? [
        { href: '/personas', label: t('personas') },
        { href: '/chats', label: t('chats') },
        { href: '/memory', label: t('memory') },
        { href: '/incidents', label: t('incidents') },
        ...(can(user, 'audit.read') ? [{ href: '/audit', label: t('audit') }] : []),
        ...(can(user, 'users.manage') ? [{ href: '/admin/users', label: t('admin') }] : []),
      ]
    : [];
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 w-full max-w-6xl items-center gap-4 px-4 sm:px-6">
        <Link href={user ? '/personas' : '/'} className="flex items-center gap-2 font-semibold text-slate-900">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-lg bg-brand-600 text-sm text-white">
            P
          </span>
          <span>Persona</span>
        </Link>
        {user && <NavLinks items={items} label={t('main')} />}
        <div className="ml-auto flex items-center gap-2">
          <LanguageSwitch current={locale} label={t('language')} />
          {user ? (
            <div className="flex items-center gap-2" aria-label={t('account')} role="group">
              <Link href="/account" className="hidden text-sm text-slate-700 hover:underline sm:inline" data-testid="current-user">
                {user.name}
              </Link>
              <Badge tone={user.role === 'member' ? 'neutral' : 'brand'}>
                <span data-testid="current-role">{tr(user.role)}</span>
              </Badge>
              <SignOutButton label={t('signOut')} />
            </div>
          ) : (
            <>
              <Link href="/signin" className={buttonClass('ghost')}>
                {t('signIn')}
              </Link>
              <Link href="/register" className={buttonClass('primary', 'hidden sm:inline-flex')}>
                {t('register')}
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
