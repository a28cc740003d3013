import { getDb } from '@/db/client';
import { exportAudit, exportContentTypes, exportFilename } from '@/lib/governance/export';
import { exportQuerySchema } from '@/lib/governance/queries';
import { downloadResponse } from '@/lib/http/download';
import { route } from '@/lib/http/route';

// GET /api/audit/export?format=jsonl|csv&<filters> — the filtered records as a download; the export is audited.
export const GET = route({ permission: 'audit.export', query: exportQuerySchema }, async ({ user, query, requestId }) => {
  const { format, ...filter } = query;
  const chunks = await exportAudit(await getDb(), { format, filter, actorId: user.id, requestId });
  return downloadResponse(chunks, exportFilename(format), exportContentTypes[format]);
});
