import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { NavLinks, type NavItem } from '@/components/shell/nav-links';

// The admin area's own tabs; each page still checks its permission itself.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const [user, t] = await Promise.all([getCurrentUser(), getTranslations('admin')]);
  const items: NavItem[] = [
    ...(user && can(user, 'users.manage') ? [{ href: '/admin/users', label: t('usersTab') }] : []),
    ...(user && can(user, 'settings.manage')
      ? [
          { href: '/admin/models', label: t('modelsTab') },
          { href: '/admin/retention', label: t('retentionTab') },
        ]
      : []),
  ];
  return (
    <>
      {items.length > 1 && (
        <div className="mb-6 border-b border-slate-200 pb-2">
          <NavLinks items={items} label={t('title')} />
        </div>
      )}
      {children}
    </>
  );
}
