import { getDb } from '@/db/client';
import { route } from '@/lib/http/route';
import { PROFILE_MAX_BYTES } from '@/lib/personas/limits';
import { deletePersona, savePersonaVersion } from '@/lib/personas/mutations';
import { savePersonaBodySchema } from '@/lib/personas/profile';
import { getPersonaForViewerOrThrow } from '@/lib/personas/queries';

// GET /api/personas/:id — the persona and its current version (404 if you may not see it).
export const GET = route({}, async ({ user, params }) => getPersonaForViewerOrThrow(await getDb(), user.id, params.id ?? ''));

// PUT /api/personas/:id — save a new version (owner only).
export const PUT = route({ body: savePersonaBodySchema, maxBytes: PROFILE_MAX_BYTES }, async ({ user, body, params }) =>
  savePersonaVersion(await getDb(), user, params.id ?? '', body),
);

// DELETE /api/personas/:id — hide the persona and stop new chats; versions stay (owner only).
export const DELETE = route({}, async ({ user, params }) => {
  await deletePersona(await getDb(), user, params.id ?? '');
  return { ok: true };
});
