// Opens and migrates the database when the server starts, so the first request does not pay for it, and closes
// what a previous process left half-done.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getDb } = await import('./db/client');
    const { closeOrphanedReplies } = await import('./lib/chat/recovery');
    const db = await getDb();
    const closed = await closeOrphanedReplies(db);
    if (closed) console.log(`closed ${closed} reply(ies) left streaming by a previous process`);
  }
}
