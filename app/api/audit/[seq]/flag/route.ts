import { getDb } from '@/db/client';
import { flagBodySchema, raiseIncident } from '@/lib/governance/incidents';
import { route } from '@/lib/http/route';

// POST /api/audit/:seq/flag — an auditor flags a model call; the persona's owner gets an incident.
export const POST = route({ permission: 'audit.flag', body: flagBodySchema }, async ({ user, body, params, requestId }) => {
  const incident = await raiseIncident(await getDb(), user, Number(params.seq), body.reason, requestId);
  return { incident: { id: incident.id, auditSeq: incident.auditSeq, status: incident.status } };
});
