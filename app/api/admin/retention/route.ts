import { getDb } from '@/db/client';
import { retentionBodySchema, setRetentionDays } from '@/lib/governance/retention';
import { route } from '@/lib/http/route';

// PUT /api/admin/retention — how many days prompt and reply text stays in the audit log (null: forever).
export const PUT = route({ permission: 'settings.manage', body: retentionBodySchema }, async ({ user, body }) => {
  await setRetentionDays(await getDb(), body.days, user.id);
  return { days: body.days };
});
