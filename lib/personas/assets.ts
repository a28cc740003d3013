import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { assets, personaVersions, personas, type AssetRow } from '@/db/schema';
import { isUuid } from '@/lib/auth/users';
import { notFound, validationError } from '@/lib/errors';
import type { AvatarImage } from './images';

export type StoredAsset = Pick<AssetRow, 'id' | 'mime' | 'width' | 'height' | 'sha256'>;

/** Stores a normalised image for its owner; the same bytes uploaded twice by one owner are stored once. */
export async function storeAsset(db: DbOrTx, ownerId: string, image: AvatarImage): Promise<StoredAsset> {
  const columns = { id: assets.id, mime: assets.mime, width: assets.width, height: assets.height, sha256: assets.sha256 };
  const [existing] = await db
    .select(columns)
    .from(assets)
    .where(and(eq(assets.ownerId, ownerId), eq(assets.sha256, image.sha256)))
    .limit(1);
  if (existing) return existing;
  const [row] = await db.insert(assets).values({ ownerId, ...image }).returning(columns);
  return row!;
}

/**
 * An image the viewer may load: their own upload, or the avatar of any version of a persona they can see.
 * Anything else is 404, so asset ids reveal nothing about private personas.
 */
export async function getAssetForViewerOrThrow(db: DbOrTx, viewerId: string, assetId: string): Promise<AssetRow> {
  if (!isUuid(assetId)) throw notFound('Asset');
  const usedByVisiblePersona = sql`exists (
    select 1 from ${personaVersions} join ${personas} on ${personas.id} = ${personaVersions.personaId}
    where ${personaVersions.avatarAssetId} = ${assets.id}
      and ${and(isNull(personas.deletedAt), or(eq(personas.ownerId, viewerId), inArray(personas.visibility, ['public', 'unlisted'])))}
  )`;
  const [row] = await db
    .select()
    .from(assets)
    .where(and(eq(assets.id, assetId), or(eq(assets.ownerId, viewerId), usedByVisiblePersona)))
    .limit(1);
  if (!row) throw notFound('Asset');
  return row;
}

export async function getAssetBytes(db: DbOrTx, assetId: string): Promise<Buffer | null> {
  const [row] = await db.select({ bytes: assets.bytes }).from(assets).where(eq(assets.id, assetId)).limit(1);
  return row?.bytes ?? null;
}

/**
 * A version may point at an avatar its author uploaded, or keep one an earlier version of the same persona used
 * (a new owner after a transfer keeps the avatar they were given).
 */
export async function assertAvatarUsable(db: DbOrTx, userId: string, assetId: string, personaId?: string): Promise<void> {
  const inherited = personaId
    ? sql`exists (select 1 from ${personaVersions} where ${personaVersions.personaId} = ${personaId} and ${personaVersions.avatarAssetId} = ${assets.id})`
    : sql`false`;
  const [row] = await db
    .select({ id: assets.id })
    .from(assets)
    .where(and(eq(assets.id, assetId), or(eq(assets.ownerId, userId), inherited)))
    .limit(1);
  if (!row) throw validationError('avatarAssetId: unknown image', { avatarAssetId: 'invalid_asset' });
}
