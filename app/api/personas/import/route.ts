import { getDb } from '@/db/client';
import { route } from '@/lib/http/route';
import { readUpload } from '@/lib/http/upload';
import { importCard } from '@/lib/personas/card-io';
import { CARD_MAX_BYTES } from '@/lib/personas/limits';

// POST /api/personas/import — a Character Card (JSON or PNG; raw body or multipart `file`) becomes a new persona.
export const POST = route({ permission: 'persona.create' }, async ({ user, req }) => {
  const saved = await importCard(await getDb(), user, await readUpload(req, CARD_MAX_BYTES));
  return Response.json({ id: saved.id, version: saved.version }, { status: 201 });
});
