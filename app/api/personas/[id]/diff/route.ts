import { getDb } from '@/db/client';
import { route } from '@/lib/http/route';
import { diffPersonaVersions, versionSummary } from '@/lib/personas/history';
import { diffQuerySchema } from '@/lib/personas/profile';

// GET /api/personas/:id/diff?from=1&to=2 — field-by-field changes between two versions.
export const GET = route({ query: diffQuerySchema }, async ({ user, params, query }) => {
  const diff = await diffPersonaVersions(await getDb(), user.id, params.id ?? '', query.from, query.to);
  return { from: versionSummary(diff.from), to: versionSummary(diff.to), changes: diff.changes };
});
