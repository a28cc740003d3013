import { getDb } from '@/db/client';
import { exportAudit } from '@/lib/governance/export';
import { downloadResponse, exportQuerySchema } from '@/lib/governance/http';
import { route } from '@/lib/http/route';

// GET /api/audit/export?format=jsonl|csv&<filters> — the filtered records as a download; the export is audited.
export const GET = route({ permission: 'audit.export', query: exportQuerySchema }, async ({ user, query, requestId }) => {
  const { format, ...filter } = query;
  const chunks = await exportAudit(await getDb(), { format, filter, actorId: user.id, requestId });
  return downloadResponse(chunks, format);
});
