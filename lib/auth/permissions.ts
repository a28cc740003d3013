import { forbidden } from '@/lib/errors';
import type { Role } from './schemas';

/** Permissions are `resource.action` strings; roles grant them here and nowhere else. */
export type Permission =
  | 'persona.create'
  | 'chat.use'
  | 'memory.use'
  | 'audit.read'
  | 'audit.flag'
  | 'audit.export'
  | 'users.manage'
  | 'settings.manage';

const member: Permission[] = ['persona.create', 'chat.use', 'memory.use'];
const grants: Record<Role, ReadonlySet<Permission>> = {
  member: new Set(member),
  auditor: new Set([...member, 'audit.read', 'audit.flag', 'audit.export']),
  admin: new Set([...member, 'audit.read', 'audit.flag', 'audit.export', 'users.manage', 'settings.manage']),
};

export function can(user: { role: Role }, permission: Permission): boolean {
  return grants[user.role].has(permission);
}

export function assertCan(user: { role: Role }, permission: Permission): void {
  if (!can(user, permission)) throw forbidden(`Requires permission ${permission}`);
}
