import { getDb } from '@/db/client';
import { route } from '@/lib/http/route';
import { PROFILE_MAX_BYTES } from '@/lib/personas/limits';
import { createPersona } from '@/lib/personas/mutations';
import { galleryQuerySchema, savePersonaBodySchema } from '@/lib/personas/profile';
import { listGallery } from '@/lib/personas/queries';

// GET /api/personas?q=&tag=&page= — the gallery: public personas and your own.
export const GET = route({ query: galleryQuerySchema }, async ({ user, query }) => listGallery(await getDb(), user.id, query));

// POST /api/personas — create a persona at v1.
export const POST = route(
  { permission: 'persona.create', body: savePersonaBodySchema, maxBytes: PROFILE_MAX_BYTES },
  async ({ user, body }) => Response.json(await createPersona(await getDb(), user, body), { status: 201 }),
);
