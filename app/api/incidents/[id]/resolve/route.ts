import { getDb } from '@/db/client';
import { resolveBodySchema, resolveIncident } from '@/lib/governance/incidents';
import { route } from '@/lib/http/route';

// POST /api/incidents/:id/resolve — the assigned owner closes an incident with a note and, if any, the fixing version.
export const POST = route({ body: resolveBodySchema }, async ({ user, body, params, requestId }) => {
  const incident = await resolveIncident(await getDb(), user, params.id ?? '', body, requestId);
  return { incident: { id: incident.id, status: incident.status, fixVersion: incident.fixVersion } };
});
