// Opens and migrates the database when the server starts, so the first request does not pay for it.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getDb } = await import('./db/client');
    const db = await getDb();
    // Close model calls a killed process left open, before this one starts any.
    const { governanceStartup } = await import('./lib/governance/startup');
    const closed = await governanceStartup(db);
    if (closed.length) console.log(`audit: closed ${closed.length} unfinished model call(s) left by a stopped process`);
  }
}
