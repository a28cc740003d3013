import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type DbOrTx } from '@/db/client';
import { personaVersions, personas, users, type PersonaVersionRow, type PersonaVisibility } from '@/db/schema';
import { isUuid } from '@/lib/auth/users';
import { forbidden, notFound } from '@/lib/errors';
import { GALLERY_PAGE_SIZE } from './limits';
import type { GalleryQuery, ModelSettings, PersonaProfile } from './profile';

export type PersonaVersionView = {
  personaId: string;
  version: number;
  authorId: string;
  authorName: string;
  changeNote: string;
  profile: PersonaProfile;
  avatarAssetId: string | null;
  model: ModelSettings;
  createdAt: Date;
};

export type PersonaView = {
  id: string;
  ownerId: string;
  ownerName: string;
  visibility: PersonaVisibility;
  currentVersion: number;
  createdAt: Date;
  updatedAt: Date;
  current: PersonaVersionView;
};

const author = alias(users, 'author');
const owner = alias(users, 'owner');

/** What `viewerId` may see: not deleted, and their own or shared (public, or unlisted for anyone with the link). */
function visibleTo(viewerId: string): SQL {
  return and(
    isNull(personas.deletedAt),
    or(eq(personas.ownerId, viewerId), inArray(personas.visibility, ['public', 'unlisted'])),
  )!;
}

const personaColumns = {
  id: personas.id,
  ownerId: personas.ownerId,
  ownerName: owner.name,
  visibility: personas.visibility,
  currentVersion: personas.currentVersion,
  createdAt: personas.createdAt,
  updatedAt: personas.updatedAt,
};
const versionColumns = { v: personaVersions, authorName: author.name };

function toVersionView(row: { v: PersonaVersionRow; authorName: string }): PersonaVersionView {
  const v = row.v;
  return {
    personaId: v.personaId,
    version: v.version,
    authorId: v.authorId,
    authorName: row.authorName,
    changeNote: v.changeNote,
    profile: v.profile as PersonaProfile,
    avatarAssetId: v.avatarAssetId,
    model: { modelId: v.modelId, temperature: v.temperature, maxOutputTokens: v.maxOutputTokens },
    createdAt: v.createdAt,
  };
}

/** The persona with its current version, if `viewerId` may see it; otherwise 404 (private things do not exist for others). */
export async function getPersonaForViewerOrThrow(db: DbOrTx, viewerId: string, personaId: string): Promise<PersonaView> {
  if (!isUuid(personaId)) throw notFound('Persona');
  const [row] = await db
    .select({ ...personaColumns, ...versionColumns })
    .from(personas)
    .innerJoin(owner, eq(owner.id, personas.ownerId))
    .innerJoin(
      personaVersions,
      and(eq(personaVersions.personaId, personas.id), eq(personaVersions.version, personas.currentVersion)),
    )
    .innerJoin(author, eq(author.id, personaVersions.authorId))
    .where(and(eq(personas.id, personaId), visibleTo(viewerId)))
    .limit(1);
  if (!row) throw notFound('Persona');
  const { v, authorName, ...persona } = row;
  return { ...persona, current: toVersionView({ v, authorName }) };
}

/** The persona if `userId` owns it: 404 when they cannot even see it, 403 when they can see but not edit it. */
export async function getPersonaForEditOrThrow(db: DbOrTx, userId: string, personaId: string): Promise<PersonaView> {
  const persona = await getPersonaForViewerOrThrow(db, userId, personaId);
  if (persona.ownerId !== userId) throw forbidden('Only the owner can change this persona');
  return persona;
}

/** Every version, newest first, for someone who may see the persona. */
export async function listVersions(db: DbOrTx, viewerId: string, personaId: string): Promise<PersonaVersionView[]> {
  await getPersonaForViewerOrThrow(db, viewerId, personaId);
  const rows = await db
    .select(versionColumns)
    .from(personaVersions)
    .innerJoin(author, eq(author.id, personaVersions.authorId))
    .where(eq(personaVersions.personaId, personaId))
    .orderBy(desc(personaVersions.version));
  return rows.map(toVersionView);
}

/** One version by number, for someone who may see the persona. */
export async function getVersionForViewerOrThrow(
  db: DbOrTx,
  viewerId: string,
  personaId: string,
  version: number,
): Promise<PersonaVersionView> {
  await getPersonaForViewerOrThrow(db, viewerId, personaId);
  const found = await getPersonaVersion(db, personaId, version);
  if (!found) throw notFound('Persona version');
  return found;
}

/**
 * One version by (persona, version), with no visibility check: for code that already holds a reference to it
 * (a chat pinned to the version it started with, the audit log). Deleted personas' versions stay readable here.
 */
export async function getPersonaVersion(db: DbOrTx, personaId: string, version: number): Promise<PersonaVersionView | null> {
  if (!isUuid(personaId)) return null;
  const [row] = await db
    .select(versionColumns)
    .from(personaVersions)
    .innerJoin(author, eq(author.id, personaVersions.authorId))
    .where(and(eq(personaVersions.personaId, personaId), eq(personaVersions.version, version)))
    .limit(1);
  return row ? toVersionView(row) : null;
}

/**
 * The version a new chat starts on: the current one, for a persona `userId` may see. Deleted, private-to-someone-else
 * or unknown personas are `not_found`, so a deleted persona takes no new chats.
 */
export async function getPersonaVersionForChat(
  userId: string,
  personaId: string,
  db?: DbOrTx,
): Promise<{ persona: Omit<PersonaView, 'current'>; version: PersonaVersionView }> {
  const { current, ...persona } = await getPersonaForViewerOrThrow(db ?? (await getDb()), userId, personaId);
  return { persona, version: current };
}

export type GalleryItem = {
  id: string;
  ownerId: string;
  ownerName: string;
  visibility: PersonaVisibility;
  currentVersion: number;
  updatedAt: Date;
  name: string;
  tagline: string;
  tags: string[];
  avatarAssetId: string | null;
};
export type GalleryPage = { items: GalleryItem[]; total: number; page: number; pageSize: number; pageCount: number };

/** Public personas and the viewer's own, searchable by name and tag, newest change first. */
export async function listGallery(db: DbOrTx, viewerId: string, query: GalleryQuery): Promise<GalleryPage> {
  const tags = sql`jsonb_array_elements_text(coalesce(${personaVersions.profile}->'tags', '[]'::jsonb))`;
  const filters: SQL[] = [
    isNull(personas.deletedAt),
    or(eq(personas.ownerId, viewerId), eq(personas.visibility, 'public'))!,
  ];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
    filters.push(
      or(
        sql`${personaVersions.profile}->>'name' ilike ${pattern}`,
        sql`exists (select 1 from ${tags} as t(tag) where t.tag ilike ${pattern})`,
      )!,
    );
  }
  if (query.tag) filters.push(sql`exists (select 1 from ${tags} as t(tag) where lower(t.tag) = lower(${query.tag}))`);
  const where = and(...filters);
  const joinCurrent = and(eq(personaVersions.personaId, personas.id), eq(personaVersions.version, personas.currentVersion));

  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({ ...personaColumns, profile: personaVersions.profile, avatarAssetId: personaVersions.avatarAssetId })
      .from(personas)
      .innerJoin(owner, eq(owner.id, personas.ownerId))
      .innerJoin(personaVersions, joinCurrent)
      .where(where)
      .orderBy(desc(personas.updatedAt), asc(personas.id))
      .limit(GALLERY_PAGE_SIZE)
      .offset((query.page - 1) * GALLERY_PAGE_SIZE),
    db.select({ total: count() }).from(personas).innerJoin(personaVersions, joinCurrent).where(where),
  ]);
  const items = rows.map(({ profile, createdAt: _created, ...r }) => {
    const p = profile as PersonaProfile;
    return { ...r, name: p.name, tagline: p.tagline ?? '', tags: p.tags ?? [] };
  });
  return {
    items,
    total: Number(total),
    page: query.page,
    pageSize: GALLERY_PAGE_SIZE,
    pageCount: Math.max(1, Math.ceil(Number(total) / GALLERY_PAGE_SIZE)),
  };
}
