import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { personaTransfers, personaVersions, personas, users } from '@/db/schema';
import { conflict, notFound, validationError } from '@/lib/errors';
import { audit } from '@/lib/governance/audit';
import { assertAvatarUsable } from './assets';
import type { SavePersonaBody } from './profile';
import { getPersonaForEditOrThrow } from './queries';

type Actor = { id: string };
export type SavedVersion = { id: string; version: number };

/** A new persona at v1, owned by its creator. */
export async function createPersona(db: Db, actor: Actor, body: SavePersonaBody): Promise<SavedVersion> {
  return db.transaction((tx) => createPersonaIn(tx, actor, body));
}

/** The same, inside the caller's transaction (card import stores the avatar in the same one). */
export async function createPersonaIn(tx: DbOrTx, actor: Actor, body: SavePersonaBody): Promise<SavedVersion> {
  if (body.avatarAssetId) await assertAvatarUsable(tx, actor.id, body.avatarAssetId);
  const [persona] = await tx
    .insert(personas)
    .values({ ownerId: actor.id, currentVersion: 1, visibility: body.visibility ?? 'private' })
    .returning({ id: personas.id });
  await insertVersion(tx, persona!.id, 1, actor, body);
  return { id: persona!.id, version: 1 };
}

/**
 * Every save is a new immutable version: the persona row's `current_version` moves on in the same transaction, and
 * the row lock taken by that update makes concurrent saves queue rather than collide. A save based on an older
 * version than the current one is refused, so nobody silently overwrites someone else's edit.
 */
export async function savePersonaVersion(db: Db, actor: Actor, personaId: string, body: SavePersonaBody): Promise<SavedVersion> {
  return db.transaction(async (tx) => {
    await getPersonaForEditOrThrow(tx, actor.id, personaId);
    if (body.avatarAssetId) await assertAvatarUsable(tx, actor.id, body.avatarAssetId, personaId);
    const [updated] = await tx
      .update(personas)
      .set({
        currentVersion: sql`${personas.currentVersion} + 1`,
        ...(body.visibility ? { visibility: body.visibility } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(personas.id, personaId), eq(personas.ownerId, actor.id), isNull(personas.deletedAt)))
      .returning({ version: personas.currentVersion });
    // Transferred or deleted between the check and the update.
    if (!updated) throw notFound('Persona');
    if (body.baseVersion !== undefined && body.baseVersion !== updated.version - 1) {
      throw conflict(`This persona was changed meanwhile (now v${updated.version - 1}); reload and try again`, {
        _: 'version_conflict',
      });
    }
    await insertVersion(tx, personaId, updated.version, actor, body);
    return { id: personaId, version: updated.version };
  });
}

/** Inserts the version and records its publication in the audit log, in the same transaction. */
async function insertVersion(tx: DbOrTx, personaId: string, version: number, actor: Actor, body: SavePersonaBody) {
  await tx.insert(personaVersions).values({
    personaId,
    version,
    authorId: actor.id,
    changeNote: body.changeNote,
    profile: body.profile,
    avatarAssetId: body.avatarAssetId,
    modelId: body.model.modelId,
    temperature: body.model.temperature,
    maxOutputTokens: body.model.maxOutputTokens,
  });
  // Last in the transaction: the audit chain's head stays locked until commit.
  await audit(tx, {
    action: 'persona.version.published',
    actorId: actor.id,
    personaId,
    personaVersion: version,
    data: { personaId, version },
  });
}

/** Hands a persona to another account, recorded in `persona_transfers`. The new owner answers for it from now on. */
export async function transferPersona(db: Db, actor: Actor, personaId: string, toEmail: string): Promise<{ toUserId: string }> {
  return db.transaction(async (tx) => {
    const persona = await getPersonaForEditOrThrow(tx, actor.id, personaId);
    const [target] = await tx.select({ id: users.id }).from(users).where(eq(users.email, toEmail.toLowerCase())).limit(1);
    if (!target) throw validationError('No account has this email', { email: 'unknown_user' });
    if (target.id === actor.id) throw validationError('You already own this persona', { email: 'transfer_to_self' });
    const [moved] = await tx
      .update(personas)
      .set({ ownerId: target.id, updatedAt: new Date() })
      .where(and(eq(personas.id, personaId), eq(personas.ownerId, actor.id), isNull(personas.deletedAt)))
      .returning({ version: personas.currentVersion });
    if (!moved) throw notFound('Persona');
    await tx.insert(personaTransfers).values({
      personaId,
      fromUserId: persona.ownerId,
      toUserId: target.id,
      atVersion: moved.version,
    });
    await audit(tx, {
      action: 'persona.transferred',
      actorId: actor.id,
      personaId,
      personaVersion: moved.version,
      ownerId: target.id,
      data: { personaId, fromOwnerId: persona.ownerId, toOwnerId: target.id },
    });
    return { toUserId: target.id };
  });
}

/** Hides the persona from everyone and stops new chats with it; its versions stay for the audit log. */
export async function deletePersona(db: Db, actor: Actor, personaId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await getPersonaForEditOrThrow(tx, actor.id, personaId);
    await tx
      .update(personas)
      .set({ deletedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(personas.id, personaId), eq(personas.ownerId, actor.id), isNull(personas.deletedAt)));
  });
}

export async function listTransfers(db: DbOrTx, personaId: string) {
  return db
    .select()
    .from(personaTransfers)
    .where(eq(personaTransfers.personaId, personaId))
    .orderBy(personaTransfers.createdAt);
}
