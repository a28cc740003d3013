import { getDb } from '@/db/client';
import { purgeExpiredContent } from '@/lib/governance/retention';
import { route } from '@/lib/http/route';

// POST /api/admin/retention/purge — erases expired content now instead of at the next scheduled purge.
export const POST = route({ permission: 'settings.manage' }, async ({ user }) => {
  const { erased, cutoff } = await purgeExpiredContent(await getDb(), { actorId: user.id });
  return { erased, cutoff: cutoff?.toISOString() ?? null };
});
