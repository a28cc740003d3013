import fs from 'node:fs';
import path from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { assets, personaTransfers, personaVersions, personas } from '@/db/schema';
import { registerUser } from '@/lib/auth/register';
import type { PublicUser } from '@/lib/auth/users';
import { getAssetForViewerOrThrow, storeAsset } from '@/lib/personas/assets';
import { exportCard, importCard } from '@/lib/personas/card-io';
import { diffPersonaVersions } from '@/lib/personas/history';
import { normaliseAvatar } from '@/lib/personas/images';
import { createPersona, deletePersona, savePersonaVersion, transferPersona } from '@/lib/personas/mutations';
import { savePersonaBodySchema, type SavePersonaInput } from '@/lib/personas/profile';
import {
  getPersonaForEditOrThrow,
  getPersonaForViewerOrThrow,
  getPersonaVersion,
  getPersonaVersionForChat,
  listGallery,
  listVersions,
} from '@/lib/personas/queries';
import { freshDb, uniqueEmail } from './db';

let db: Db;
let alice: PublicUser;
let bob: PublicUser;

const body = (input: Partial<SavePersonaInput> & { name?: string } = {}) =>
  savePersonaBodySchema.parse({ profile: { name: input.name ?? 'Ada', description: 'A mathematician.' }, ...input });

async function makeUser(name: string) {
  return registerUser(db, { email: uniqueEmail(name.toLowerCase()), name, password: 'password1' });
}

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/cards', name));
const counts = async () => ({
  personas: (await db.select({ n: count() }).from(personas))[0]!.n,
  versions: (await db.select({ n: count() }).from(personaVersions))[0]!.n,
  assets: (await db.select({ n: count() }).from(assets))[0]!.n,
});

beforeEach(async () => {
  db = await freshDb();
  alice = await makeUser('Alice');
  bob = await makeUser('Bob');
});

describe('versions', () => {
  it('makes every save a new numbered version and moves the persona to it', async () => {
    const { id } = await createPersona(db, alice, body({ changeNote: 'first' }));
    const v2 = await savePersonaVersion(db, alice, id, body({ name: 'Ada Lovelace', changeNote: 'full name', baseVersion: 1 }));
    expect(v2.version).toBe(2);
    const persona = await getPersonaForViewerOrThrow(db, alice.id, id);
    expect(persona.currentVersion).toBe(2);
    expect(persona.current.profile.name).toBe('Ada Lovelace');
    const history = await listVersions(db, alice.id, id);
    expect(history.map((v) => [v.version, v.changeNote, v.authorName])).toEqual([
      [2, 'full name', 'Alice'],
      [1, 'first', 'Alice'],
    ]);
    expect((await getPersonaVersion(db, id, 1))?.profile.name).toBe('Ada');
    const diff = await diffPersonaVersions(db, alice.id, id, 1, 2);
    expect(diff.changes).toEqual([{ path: ['name'], kind: 'changed', before: 'Ada', after: 'Ada Lovelace' }]);
  });

  it('refuses a save based on an outdated version and stores nothing for it', async () => {
    const { id } = await createPersona(db, alice, body());
    await savePersonaVersion(db, alice, id, body({ baseVersion: 1 }));
    await expect(savePersonaVersion(db, alice, id, body({ name: 'Stale', baseVersion: 1 }))).rejects.toMatchObject({ code: 'conflict' });
    expect((await getPersonaForViewerOrThrow(db, alice.id, id)).currentVersion).toBe(2);
    expect((await counts()).versions).toBe(2);
  });

  it('gives concurrent saves distinct version numbers', async () => {
    const { id } = await createPersona(db, alice, body());
    const saved = await Promise.all(Array.from({ length: 5 }, (_, i) => savePersonaVersion(db, alice, id, body({ changeNote: `c${i}` }))));
    expect(saved.map((s) => s.version).sort()).toEqual([2, 3, 4, 5, 6]);
  });

  it('cannot be updated or deleted, not even with SQL: the database refuses', async () => {
    const { id } = await createPersona(db, alice, body());
    expect(await refusal(db.execute(sql`update persona_versions set change_note = 'rewritten' where persona_id = ${id}`))).toMatch(
      /immutable: UPDATE refused/,
    );
    expect(await refusal(db.delete(personaVersions).where(eq(personaVersions.personaId, id)))).toMatch(/immutable: DELETE refused/);
    expect(await refusal(db.execute(sql`truncate persona_versions cascade`))).toMatch(/immutable: TRUNCATE refused/);
    expect((await getPersonaVersion(db, id, 1))?.changeNote).toBe('');
  });
});

describe('visibility and ownership', () => {
  it('hides a private persona from others (404) and lets nobody but the owner edit (403)', async () => {
    const { id } = await createPersona(db, alice, body({ visibility: 'private' }));
    await expect(getPersonaForViewerOrThrow(db, bob.id, id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(savePersonaVersion(db, bob, id, body())).rejects.toMatchObject({ code: 'not_found' });
    await expect(listVersions(db, bob.id, id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(exportCard(db, bob.id, id, 'v2')).rejects.toMatchObject({ code: 'not_found' });

    await savePersonaVersion(db, alice, id, body({ visibility: 'unlisted' }));
    expect((await getPersonaForViewerOrThrow(db, bob.id, id)).ownerName).toBe('Alice');
    await expect(savePersonaVersion(db, bob, id, body())).rejects.toMatchObject({ code: 'forbidden' });
    await expect(deletePersona(db, bob, id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(transferPersona(db, bob, id, bob.email)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getPersonaForEditOrThrow(db, bob.id, id)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await getPersonaForViewerOrThrow(db, alice.id, id)).currentVersion).toBe(2);
  });

  it('lists public personas and your own in the gallery, with search by name and tag and pages', async () => {
    await createPersona(db, alice, body({ name: 'Public Poet', visibility: 'public', profile: { name: 'Public Poet', tags: ['诗人', 'Classic'] } }));
    await createPersona(db, alice, body({ name: 'Unlisted Ursula', visibility: 'unlisted' }));
    await createPersona(db, alice, body({ name: 'Private Pat', visibility: 'private' }));
    await createPersona(db, bob, body({ name: 'Bob’s own', visibility: 'private' }));
    const names = async (viewer: PublicUser, q = '', tag = '') =>
      (await listGallery(db, viewer.id, { q, tag, page: 1 })).items.map((i) => i.name).sort();

    expect(await names(bob)).toEqual(['Bob’s own', 'Public Poet']);
    expect(await names(alice)).toEqual(['Private Pat', 'Public Poet', 'Unlisted Ursula']);
    expect(await names(bob, 'poet')).toEqual(['Public Poet']);
    expect(await names(bob, '诗')).toEqual(['Public Poet']);
    expect(await names(bob, '', 'classic')).toEqual(['Public Poet']);
    expect(await names(bob, '', 'class')).toEqual([]);
    expect(await names(bob, '%')).toEqual([]);

    for (let i = 0; i < 13; i++) await createPersona(db, bob, body({ name: `Bulk ${i}` }));
    const page1 = await listGallery(db, bob.id, { q: 'bulk', tag: '', page: 1 });
    const page2 = await listGallery(db, bob.id, { q: 'bulk', tag: '', page: 2 });
    expect([page1.items.length, page2.items.length, page1.total, page1.pageCount]).toEqual([12, 1, 13, 2]);
    expect(new Set([...page1.items, ...page2.items].map((i) => i.id)).size).toBe(13);
  });

  it('transfers a persona to another user, records it, and moves editing rights', async () => {
    const avatar = await storeAsset(db, alice.id, await normaliseAvatar(await solidPng('#336699')));
    const { id } = await createPersona(db, alice, body({ avatarAssetId: avatar.id }));
    await expect(transferPersona(db, alice, id, alice.email)).rejects.toMatchObject({ fields: { email: 'transfer_to_self' } });
    await expect(transferPersona(db, alice, id, uniqueEmail('nobody'))).rejects.toMatchObject({ fields: { email: 'unknown_user' } });
    await transferPersona(db, alice, id, bob.email.toUpperCase());

    const [record] = await db.select().from(personaTransfers).where(eq(personaTransfers.personaId, id));
    expect(record).toMatchObject({ fromUserId: alice.id, toUserId: bob.id, atVersion: 1 });
    await expect(getPersonaForViewerOrThrow(db, alice.id, id)).rejects.toMatchObject({ code: 'not_found' });
    // The new owner keeps the avatar they were handed, though someone else uploaded it.
    const v2 = await savePersonaVersion(db, bob, id, body({ avatarAssetId: avatar.id }));
    expect(v2.version).toBe(2);
    const persona = await getPersonaForViewerOrThrow(db, bob.id, id);
    expect([persona.ownerName, persona.current.authorName]).toEqual(['Bob', 'Bob']);
    // But nobody can point a persona at someone else's unrelated upload.
    const other = await storeAsset(db, alice.id, await normaliseAvatar(await solidPng('#993366')));
    await expect(savePersonaVersion(db, bob, id, body({ avatarAssetId: other.id }))).rejects.toMatchObject({
      fields: { avatarAssetId: 'invalid_asset' },
    });
  });

  it('soft-deletes: hidden from everyone, no new chats, versions kept', async () => {
    const { id } = await createPersona(db, alice, body({ visibility: 'public' }));
    // A save that does not mention visibility leaves it as it was.
    await savePersonaVersion(db, alice, id, body());
    expect((await getPersonaVersionForChat(bob.id, id, db)).version.version).toBe(2);
    await deletePersona(db, alice, id);
    await expect(getPersonaVersionForChat(bob.id, id, db)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getPersonaVersionForChat(alice.id, id, db)).rejects.toMatchObject({ code: 'not_found' });
    expect((await listGallery(db, alice.id, { q: '', tag: '', page: 1 })).total).toBe(0);
    expect((await counts()).versions).toBe(2);
    expect((await getPersonaVersion(db, id, 2))?.profile.name).toBe('Ada');
  });

  it('serves an avatar only to people who may see a persona using it', async () => {
    const avatar = await storeAsset(db, alice.id, await normaliseAvatar(await solidPng('#123456')));
    const { id } = await createPersona(db, alice, body({ avatarAssetId: avatar.id }));
    await expect(getAssetForViewerOrThrow(db, bob.id, avatar.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await getAssetForViewerOrThrow(db, alice.id, avatar.id)).mime).toBe('image/png');
    await savePersonaVersion(db, alice, id, body({ avatarAssetId: avatar.id, visibility: 'public' }));
    expect((await getAssetForViewerOrThrow(db, bob.id, avatar.id)).width).toBe(64);
  });
});

describe('avatars', () => {
  it('accepts PNG, JPEG and WebP, re-encoded and shrunk; refuses other formats and broken images', async () => {
    const big = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#abcdef' } }).jpeg().toBuffer();
    const jpeg = await normaliseAvatar(big);
    expect([jpeg.mime, jpeg.width, jpeg.height]).toEqual(['image/jpeg', 1024, 512]);
    const webp = await sharp({ create: { width: 10, height: 10, channels: 4, background: '#0000' } }).webp().toBuffer();
    expect((await normaliseAvatar(webp)).mime).toBe('image/webp');
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } }).gif().toBuffer();
    await expect(normaliseAvatar(gif)).rejects.toMatchObject({ code: 'unsupported_media_type' });
    await expect(normaliseAvatar(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"/>'))).rejects.toMatchObject({ code: 'unsupported_media_type' });
    await expect(normaliseAvatar(Buffer.from('definitely not an image'))).rejects.toMatchObject({ code: 'validation' });
    const png = await solidPng('#ff0000');
    await expect(normaliseAvatar(png.subarray(0, png.length - 30))).rejects.toMatchObject({ code: 'validation' });
  });

  it('stores the same image once per owner', async () => {
    const image = await normaliseAvatar(await solidPng('#00ff00'));
    const a = await storeAsset(db, alice.id, image);
    const b = await storeAsset(db, alice.id, image);
    expect(a.id).toBe(b.id);
    expect((await counts()).assets).toBe(1);
  });
});

describe('card import and export', () => {
  it('imports JSON cards and PNG cards (with their image as avatar), privately', async () => {
    const fromJson = await importCard(db, alice, fixture('v3-full.json'));
    const persona = await getPersonaForViewerOrThrow(db, alice.id, fromJson.id);
    expect([persona.visibility, persona.current.profile.name, persona.current.avatarAssetId]).toEqual(['private', 'Captain Nemo ⚓', null]);
    expect(persona.current.model.temperature).toBeCloseTo(0.7);
    expect(persona.current.changeNote).toBe('Imported from a V3 JSON card');

    const png = await exportCard(db, alice.id, fromJson.id, 'png');
    const again = await importCard(db, bob, png.bytes);
    const copy = await getPersonaForViewerOrThrow(db, bob.id, again.id);
    expect(copy.current.profile).toEqual(persona.current.profile);
    expect(copy.current.model).toEqual(persona.current.model);
    expect(copy.current.avatarAssetId).not.toBeNull();
  });

  it('exports any version, and round-trips every field of a V2 card through PNG', async () => {
    const first = await importCard(db, alice, fixture('v2-full.json'));
    await savePersonaVersion(db, alice, first.id, body({ name: 'Renamed' }));
    const v1 = JSON.parse((await exportCard(db, alice.id, first.id, 'v2', 1)).bytes.toString('utf8'));
    const v2 = JSON.parse((await exportCard(db, alice.id, first.id, 'v3')).bytes.toString('utf8'));
    expect([v1.data.name, v1.spec, v2.data.name, v2.spec]).toEqual(['林黛玉 🌸', 'chara_card_v2', 'Renamed', 'chara_card_v3']);
    const png = await exportCard(db, alice.id, first.id, 'png', 1);
    const again = await importCard(db, alice, png.bytes);
    expect((await getPersonaForViewerOrThrow(db, alice.id, again.id)).current.profile).toEqual(first.profile);
  });

  it('stores nothing when a card is refused', async () => {
    const before = await counts();
    const bad = [
      Buffer.from('{"spec":"chara_card_v2","data":{'),
      Buffer.from('{"spec":"nope","data":{"name":"x"}}'),
      Buffer.from('{"spec":"chara_card_v2","data":{"description":"x"}}'),
      await solidPng('#000000'),
      Buffer.from('not a card at all'),
    ];
    for (const bytes of bad) await expect(importCard(db, alice, bytes)).rejects.toMatchObject({ code: 'validation' });
    // A PNG whose card is fine but whose pixels are garbage fails at the image step, before anything is written.
    const card = await exportCard(db, alice.id, (await createPersona(db, alice, body())).id, 'png');
    const corrupt = Buffer.from(card.bytes);
    const idat = corrupt.indexOf('IDAT');
    corrupt.fill(0x41, idat + 4, idat + 20);
    const beforeCorrupt = await counts();
    await expect(importCard(db, alice, corrupt)).rejects.toMatchObject({ code: 'validation' });
    expect(await counts()).toEqual(beforeCorrupt);
    expect(before).toEqual({ personas: 0, versions: 0, assets: 0 });
  });
});

/** The database's own message for a refused statement (Drizzle wraps it as the error's cause). */
async function refusal(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
    return 'not refused';
  } catch (err) {
    const e = err as Error & { cause?: Error };
    return e.cause?.message ?? e.message;
  }
}

function solidPng(color: string) {
  return sharp({ create: { width: 64, height: 64, channels: 3, background: color } }).png().toBuffer();
}
