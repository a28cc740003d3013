import type { DbOrTx } from '@/db/client';
import { diffVersions, type FieldChange } from './diff';
import { getVersionForViewerOrThrow, type PersonaVersionView } from './queries';

export type VersionDiff = { from: PersonaVersionView; to: PersonaVersionView; changes: FieldChange[] };

/** The field-by-field changes between any two versions of a persona the viewer can see. */
export async function diffPersonaVersions(
  db: DbOrTx,
  viewerId: string,
  personaId: string,
  fromVersion: number,
  toVersion: number,
): Promise<VersionDiff> {
  const [from, to] = await Promise.all([
    getVersionForViewerOrThrow(db, viewerId, personaId, fromVersion),
    getVersionForViewerOrThrow(db, viewerId, personaId, toVersion),
  ]);
  return { from, to, changes: diffVersions(from, to) };
}

/** A version without its profile, for history lists. */
export function versionSummary(v: PersonaVersionView) {
  return { version: v.version, authorId: v.authorId, authorName: v.authorName, changeNote: v.changeNote, createdAt: v.createdAt };
}
