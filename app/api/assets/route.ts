import { getDb } from '@/db/client';
import { route } from '@/lib/http/route';
import { readUpload } from '@/lib/http/upload';
import { storeAsset } from '@/lib/personas/assets';
import { normaliseAvatar } from '@/lib/personas/images';
import { AVATAR_MAX_BYTES } from '@/lib/personas/limits';

// POST /api/assets — upload an avatar (PNG/JPEG/WebP, raw body or multipart `file`); it is re-encoded before storage.
export const POST = route({ permission: 'persona.create' }, async ({ user, req }) => {
  const image = await normaliseAvatar(await readUpload(req, AVATAR_MAX_BYTES));
  const asset = await storeAsset(await getDb(), user.id, image);
  return Response.json({ ...asset, url: `/api/assets/${asset.id}` }, { status: 201 });
});
