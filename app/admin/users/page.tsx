import { getFormatter, getTranslations } from 'next-intl/server';
import { pageUserWith } from '@/app/_lib/guards';
import { getDb } from '@/db/client';
import { listUsers } from '@/lib/auth/users';
import { RoleSelect } from '@/components/admin/role-select';
import { PageHeader } from '@/components/ui/page-header';

export default async function AdminUsersPage() {
  const me = await pageUserWith('users.manage', '/admin/users');
  const [t, format, users] = await Promise.all([getTranslations('admin'), getFormatter(), listUsers(await getDb())]);
  return (
    <>
      <PageHeader title={t('usersTitle')} lead={t('usersLead')} />
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">{t('colName')}</th>
              <th scope="col" className="px-4 py-3">{t('colEmail')}</th>
              <th scope="col" className="px-4 py-3">{t('colRole')}</th>
              <th scope="col" className="px-4 py-3">{t('colJoined')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => (
              <tr key={u.id}>
                <td className="px-4 py-3 font-medium text-slate-900">
                  {u.name} {u.id === me.id && <span className="text-xs text-slate-500">({t('you')})</span>}
                </td>
                <td className="px-4 py-3 text-slate-600">{u.email}</td>
                <td className="px-4 py-3">
                  <RoleSelect userId={u.id} role={u.role} label={t('roleFor', { name: u.name })} disabled={u.id === me.id} />
                </td>
                <td className="px-4 py-3 text-slate-500">{format.dateTime(u.createdAt, { dateStyle: 'medium' })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
