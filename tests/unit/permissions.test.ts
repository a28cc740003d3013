import { describe, expect, it } from 'vitest';
import { assertCan, can } from '@/lib/auth/permissions';

describe('role permissions', () => {
  it('lets members use the product but not the audit log', () => {
    expect(can({ role: 'member' }, 'chat.use')).toBe(true);
    expect(can({ role: 'member' }, 'audit.read')).toBe(false);
    expect(() => assertCan({ role: 'member' }, 'audit.read')).toThrow(/audit.read/);
  });

  it('lets auditors review and export but not manage users', () => {
    expect(can({ role: 'auditor' }, 'audit.export')).toBe(true);
    expect(can({ role: 'auditor' }, 'users.manage')).toBe(false);
  });

  it('gives admins everything', () => {
    for (const p of ['audit.read', 'audit.export', 'users.manage', 'settings.manage'] as const) {
      expect(can({ role: 'admin' }, p)).toBe(true);
    }
  });
});
