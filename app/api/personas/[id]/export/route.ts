import { getDb } from '@/db/client';
import { route } from '@/lib/http/route';
import { exportCard } from '@/lib/personas/card-io';
import { exportQuerySchema } from '@/lib/personas/profile';

// GET /api/personas/:id/export?format=v2|v3|png&version=N — a Character Card of any version.
export const GET = route({ query: exportQuerySchema }, async ({ user, params, query }) => {
  const card = await exportCard(await getDb(), user.id, params.id ?? '', query.format, query.version);
  const ascii = card.filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return new Response(new Uint8Array(card.bytes), {
    headers: {
      'content-type': card.contentType,
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(card.filename)}`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
