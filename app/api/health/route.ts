import { getDb, engineName } from '@/db/client';
import { sql } from 'drizzle-orm';

export const dynamic = 'force-dynamic';

// GET /api/health — opens (and migrates) the database; load balancers and Playwright wait on it.
export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true, database: engineName() });
  } catch {
    return Response.json({ ok: false, database: engineName() }, { status: 503 });
  }
}
