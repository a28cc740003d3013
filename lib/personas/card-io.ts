import type { Db } from '@/db/client';
import { getAssetBytes, storeAsset } from './assets';
import { readCardFile } from './cards/card-file';
import { writePngCard } from './cards/png-card';
import { writeCard } from './cards/write-card';
import { normaliseAvatar, placeholderPng, toPng } from './images';
import { createPersonaIn, type SavedVersion } from './mutations';
import type { PersonaProfile } from './profile';
import { getPersonaForViewerOrThrow, getVersionForViewerOrThrow } from './queries';

/**
 * A card file (JSON or PNG, V1/V2/V3) becomes a new private persona at v1. Everything is parsed and the image
 * re-encoded before the transaction opens, so a bad file stores nothing at all.
 */
export async function importCard(db: Db, actor: { id: string }, bytes: Buffer): Promise<SavedVersion & { profile: PersonaProfile }> {
  const card = readCardFile(bytes);
  const avatar = card.png ? await normaliseAvatar(card.png) : null;
  const saved = await db.transaction(async (tx) => {
    const asset = avatar ? await storeAsset(tx, actor.id, avatar) : null;
    return createPersonaIn(tx, actor, {
      profile: card.profile,
      visibility: 'private',
      model: card.model,
      avatarAssetId: asset?.id ?? null,
      changeNote: `Imported from a ${card.spec.toUpperCase()} ${card.kind.toUpperCase()} card`,
    });
  });
  return { ...saved, profile: card.profile };
}

export type CardFormat = 'v2' | 'v3' | 'png';
export type ExportedCard = { bytes: Buffer; contentType: string; filename: string };

/** Any version (default: current) of a persona the viewer can see, as V2 JSON, V3 JSON, or a PNG carrying both. */
export async function exportCard(
  db: Db,
  viewerId: string,
  personaId: string,
  format: CardFormat,
  version?: number,
): Promise<ExportedCard> {
  const v = version
    ? await getVersionForViewerOrThrow(db, viewerId, personaId, version)
    : (await getPersonaForViewerOrThrow(db, viewerId, personaId)).current;
  const base = `${fileSafe(v.profile.name)}-v${v.version}`;
  if (format !== 'png') {
    const json = JSON.stringify(writeCard(v.profile, v.model, format), null, 2);
    return { bytes: Buffer.from(json, 'utf8'), contentType: 'application/json; charset=utf-8', filename: `${base}.${format}.json` };
  }
  const stored = v.avatarAssetId ? await getAssetBytes(db, v.avatarAssetId) : null;
  const image = stored ? await toPng(stored) : await placeholderPng(v.profile.name);
  const png = writePngCard(image, writeCard(v.profile, v.model, 'v2'), writeCard(v.profile, v.model, 'v3'));
  return { bytes: png, contentType: 'image/png', filename: `${base}.png` };
}

function fileSafe(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim().slice(0, 60) || 'persona';
}
