// Opens and migrates the database when the server starts, so the first request does not pay for it, and closes
// what a previous process left half-done.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getDb } = await import('./db/client');
    const { closeOrphanedReplies } = await import('./lib/chat/recovery');
    const { governanceStartup } = await import('./lib/governance/startup');
    const db = await getDb();
    const closed = await closeOrphanedReplies(db);
    if (closed) console.log(`closed ${closed} reply(ies) left streaming by a previous process`);
    // Model calls a killed process left open get their end record (finish 'unfinished') before this one starts any.
    const calls = await governanceStartup(db);
    if (calls.length) console.log(`audit: closed ${calls.length} unfinished model call(s) left by a stopped process`);
  }
}
