import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { rowsOf, type Db } from '@/db/client';
import { getUserById, type PublicUser } from '@/lib/auth/users';
import { startChat } from '@/lib/chat/start';
import { deletePersona, createPersona } from '@/lib/personas/mutations';
import { savePersonaBodySchema } from '@/lib/personas/profile';
import { freshDb } from './db';
import { newPersona, newUser, say } from './memory-helpers';

// The routes' own wiring: who the session says is signed in decides whose memories a request reaches.
const session = vi.hoisted(() => ({ user: null as PublicUser | null }));
vi.mock('@/lib/auth/session', () => ({ getCurrentUser: async () => session.user }));

const overview = await import('@/app/api/memory/route');
const settings = await import('@/app/api/memory/settings/route');
const persona = await import('@/app/api/memory/personas/[personaId]/route');
const item = await import('@/app/api/memory/items/[id]/route');
const pin = await import('@/app/api/memory/items/[id]/pin/route');

type Handler = (req: Request, segment?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, opts: { params?: Record<string, string>; body?: unknown; query?: string } = {}) {
  const init: RequestInit = opts.body === undefined
    ? {}
    : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(opts.body) };
  const res = await handler(new Request(`http://test/api?${opts.query ?? ''}`, init), { params: Promise.resolve(opts.params ?? {}) });
  return { status: res.status, body: (await res.json()) as any };
}

let db: Db;
let ada: PublicUser;
let bob: PublicUser;
let personaId: string;
const as = (u: PublicUser | null) => void (session.user = u);

beforeEach(async () => {
  db = await freshDb();
  ada = (await getUserById(db, await newUser(db, 'Ada')))!;
  bob = (await getUserById(db, await newUser(db, 'Bob')))!;
  personaId = await newPersona(db, ada.id); // public: both may talk to it
  await say(db, { userId: ada.id, personaId }, 'My name is Ada and I live in Lisbon');
  await say(db, { userId: bob.id, personaId }, 'I live in Berlin');
  as(ada);
});

const texts = (body: { items: { text: string }[] }) => body.items.map((m) => m.text);
const adaHome = async () => (await call(persona.GET, { params: { personaId }, query: 'q=Lisbon' })).body.items[0];

describe('memory routes are scoped to the signed-in user', () => {
  it('refuses requests without a session', async () => {
    as(null);
    expect((await call(persona.GET, { params: { personaId } })).status).toBe(401);
    expect((await call(settings.PUT, { body: { enabled: false } })).status).toBe(401);
  });

  it('lists and searches only the user’s own memories of a shared persona', async () => {
    const mine = await call(persona.GET, { params: { personaId } });
    expect(mine.status).toBe(200);
    expect(texts(mine.body).sort()).toEqual(['The user lives in Lisbon', "The user's name is Ada"]);
    expect(mine.body).toMatchObject({ persona: { personaId, name: 'Mira', deleted: false }, page: 1, hasMore: false });
    expect(texts((await call(persona.GET, { params: { personaId }, query: 'q=Berlin' })).body)).toEqual([]);
    as(bob);
    expect(texts((await call(persona.GET, { params: { personaId } })).body)).toEqual(['The user lives in Berlin']);
  });

  it('pages through the list', async () => {
    for (let i = 0; i < 20; i++) await say(db, { userId: ada.id, personaId }, `I like sport number ${i}`);
    const first = await call(persona.GET, { params: { personaId } });
    expect(first.body).toMatchObject({ page: 1, hasMore: true });
    expect(first.body.items).toHaveLength(20);
    const second = await call(persona.GET, { params: { personaId }, query: 'page=2' });
    expect(second.body).toMatchObject({ page: 2, hasMore: false });
    expect(second.body.items).toHaveLength(2);
    expect((await call(persona.GET, { params: { personaId }, query: 'page=0' })).status).toBe(400);
  });

  it('answers 404 to edit, pin or delete another user’s memory, and leaves it as it was', async () => {
    const home = await adaHome();
    as(bob);
    const edit = await call(item.PATCH, { params: { id: home.id }, body: { text: 'The user lives in Mars' } });
    expect(edit).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect((await call(pin.PUT, { params: { id: home.id }, body: { pinned: true } })).status).toBe(404);
    expect((await call(item.DELETE, { params: { id: home.id } })).status).toBe(404);
    expect((await call(item.DELETE, { params: { id: 'not-a-uuid' } })).status).toBe(404);
    as(ada);
    expect(await adaHome()).toMatchObject({ id: home.id, text: 'The user lives in Lisbon', pinned: false });
  });

  it('edits, pins and deletes the user’s own memory', async () => {
    const home = await adaHome();
    const edited = await call(item.PATCH, { params: { id: home.id }, body: { text: ' The user lives in Porto ', kind: 'event', importance: 2 } });
    expect(edited).toMatchObject({ status: 200, body: { memory: { text: 'The user lives in Porto', kind: 'event', importance: 2 } } });
    const pinned = await call(pin.PUT, { params: { id: home.id }, body: { pinned: true } });
    expect(pinned.body.memory).toMatchObject({ id: home.id, pinned: true });
    expect((await call(persona.GET, { params: { personaId } })).body.items[0]).toMatchObject({ id: home.id, pinned: true });
    expect((await call(item.DELETE, { params: { id: home.id } })).status).toBe(200);
    expect(texts((await call(persona.GET, { params: { personaId } })).body)).toEqual(["The user's name is Ada"]);
    expect((await call(item.DELETE, { params: { id: home.id } })).status).toBe(404);
  });

  it('records each change the user makes as a governance event with the user as actor', async () => {
    const home = await adaHome();
    await call(item.PATCH, { params: { id: home.id }, body: { text: 'The user lives in Porto' } });
    await call(pin.PUT, { params: { id: home.id }, body: { pinned: true } });
    await call(item.DELETE, { params: { id: home.id } });
    await call(persona.DELETE, { params: { personaId } });
    const events = rowsOf<{ kind: string; actor_id: string; persona_id: string }>(
      await db.execute(sql`select kind, actor_id, persona_id from audit_records
        where actor_id = ${ada.id} and kind like 'event.memory.%' order by seq`),
    );
    expect(events).toEqual(
      ['event.memory.edited', 'event.memory.edited', 'event.memory.deleted', 'event.memory.deleted'].map((kind) => ({
        kind,
        actor_id: ada.id,
        persona_id: personaId,
      })),
    );
  });

  it('validates an edit with field messages from the catalog', async () => {
    const home = await adaHome();
    const tooLong = await call(item.PATCH, { params: { id: home.id }, body: { text: 'x'.repeat(501) } });
    expect(tooLong).toMatchObject({ status: 400, body: { error: { code: 'validation', fields: { text: 'too_long' } } } });
    const empty = await call(item.PATCH, { params: { id: home.id }, body: { text: '   ' } });
    expect(empty.body.error.fields).toEqual({ text: 'required' });
    expect((await call(item.PATCH, { params: { id: home.id }, body: { text: 'ok', importance: 9 } })).status).toBe(400);
  });

  it('forgets everything for the signed-in user only', async () => {
    as(bob);
    expect((await call(persona.DELETE, { params: { personaId } })).body).toEqual({ erased: 1 });
    as(ada);
    expect(texts((await call(persona.GET, { params: { personaId } })).body)).toHaveLength(2);
  });

  it('hides a persona the user may not see and shares nothing with; keeps one they have memories of', async () => {
    const body = savePersonaBodySchema.parse({ profile: { name: 'Secret', description: 'Private.' }, visibility: 'private' });
    const secret = (await createPersona(db, { id: ada.id }, body)).id;
    as(bob);
    expect((await call(persona.GET, { params: { personaId: secret } })).status).toBe(404);
    expect((await call(persona.DELETE, { params: { personaId: secret } })).status).toBe(404);
    expect((await call(persona.GET, { params: { personaId: 'nope' } })).status).toBe(404);
    // The owner deletes the shared persona: Bob still sees what it remembers about him, and can erase it.
    await deletePersona(db, { id: ada.id }, personaId);
    const kept = await call(persona.GET, { params: { personaId } });
    expect(kept.body).toMatchObject({ persona: { deleted: true }, items: [{ text: 'The user lives in Berlin' }] });
    expect((await call(persona.DELETE, { params: { personaId } })).body).toEqual({ erased: 1 });
  });

  it('overview lists personas with memories or chats, with counts, for the user only', async () => {
    const quiet = await newPersona(db, bob.id, 'Quinn');
    await startChat(db, ada, quiet);
    const res = await call(overview.GET);
    expect(res.body).toMatchObject({ enabled: true });
    expect(res.body.personas).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ personaId, name: 'Mira', memoryCount: 2, chatCount: 0 }),
        expect.objectContaining({ personaId: quiet, name: 'Quinn', memoryCount: 0, chatCount: 1 }),
      ]),
    );
    expect(res.body.personas).toHaveLength(2);
    // Deleted by its owner, the persona Ada only chatted with still opens (empty), through her chat.
    await deletePersona(db, { id: bob.id }, quiet);
    expect((await call(persona.GET, { params: { personaId: quiet } })).body).toMatchObject({ persona: { deleted: true }, items: [] });
    as(bob);
    expect((await call(overview.GET)).body.personas).toEqual([expect.objectContaining({ personaId, memoryCount: 1 })]);
  });

  it('switches memory off and on for the signed-in user only', async () => {
    expect((await call(settings.PUT, { body: { enabled: false } })).body).toEqual({ enabled: false });
    expect((await call(settings.GET)).body).toEqual({ enabled: false });
    expect(await say(db, { userId: ada.id, personaId }, 'I like tea')).toEqual({ status: 'disabled' });
    expect((await call(settings.PUT, { body: { enabled: 'no' } })).status).toBe(400);
    as(bob);
    expect((await call(settings.GET)).body).toEqual({ enabled: true });
  });
});
