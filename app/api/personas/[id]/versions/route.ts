import { getDb } from '@/db/client';
import { route } from '@/lib/http/route';
import { versionSummary } from '@/lib/personas/history';
import { listVersions } from '@/lib/personas/queries';

// GET /api/personas/:id/versions — the version history, newest first.
export const GET = route({}, async ({ user, params }) => ({
  versions: (await listVersions(await getDb(), user.id, params.id ?? '')).map(versionSummary),
}));
