import { getDb } from '@/db/client';
import { route } from '@/lib/http/route';
import { getAssetForViewerOrThrow } from '@/lib/personas/assets';

// GET /api/assets/:id — an image we re-encoded ourselves; its bytes never change, so it caches forever.
export const GET = route({}, async ({ user, params }) => {
  const asset = await getAssetForViewerOrThrow(await getDb(), user.id, params.id ?? '');
  return new Response(new Uint8Array(asset.bytes), {
    headers: {
      'content-type': asset.mime,
      'content-length': String(asset.bytes.length),
      // private: whether you may see it depends on who you are.
      'cache-control': 'private, max-age=31536000, immutable',
      etag: `"${asset.sha256}"`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    },
  });
});
