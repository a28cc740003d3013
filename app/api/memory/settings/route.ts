import { getDb } from '@/db/client';
import { route } from '@/lib/http/route';
import { isMemoryEnabled, memorySwitchBodySchema, setMemoryEnabled } from '@/lib/memory';

// GET /api/memory/settings — is memory on for the user?
export const GET = route({ permission: 'memory.use' }, async ({ user }) => ({
  enabled: await isMemoryEnabled(await getDb(), user.id),
}));

// PUT /api/memory/settings — turn memory on or off (off: nothing is extracted or recalled).
export const PUT = route({ permission: 'memory.use', body: memorySwitchBodySchema, maxBytes: 1024 }, async ({ user, body }) => {
  await setMemoryEnabled(await getDb(), { userId: user.id, enabled: body.enabled });
  return { enabled: body.enabled };
});
