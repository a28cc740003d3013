import { getDb } from '@/db/client';
import { route } from '@/lib/http/route';
import { transferPersona } from '@/lib/personas/mutations';
import { transferBodySchema } from '@/lib/personas/profile';

// POST /api/personas/:id/transfer — the owner hands the persona to another account (recorded).
export const POST = route({ body: transferBodySchema, maxBytes: 4096 }, async ({ user, body, params }) =>
  transferPersona(await getDb(), user, params.id ?? '', body.email),
);
