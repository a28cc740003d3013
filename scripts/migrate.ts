// npm run db:migrate — apply db/migrations to DATABASE_URL, or to the PGlite data dir when it is unset.
// (With PGlite, do not run this while the app is running: one data dir belongs to one process.)
import { closeDb, engineName, getDb } from '../db/client';

await getDb();
console.log(`migrations applied (${engineName()})`);
await closeDb();
