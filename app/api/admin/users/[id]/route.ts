import { getDb } from '@/db/client';
import { changeRole } from '@/lib/auth/roles';
import { setRoleBodySchema } from '@/lib/auth/schemas';
import { route } from '@/lib/http/route';

// PATCH /api/admin/users/:id — an admin changes a user's role.
export const PATCH = route({ permission: 'users.manage', body: setRoleBodySchema }, async ({ user, body, params }) => {
  const updated = await changeRole(await getDb(), user, params.id ?? '', body.role);
  return { user: { id: updated.id, role: updated.role } };
});
