import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { appSettings } from '@/db/schema';

export const DEFAULT_MODEL_SETTING = 'default_model';

/** The stored default model id, or null when the admin has never chosen one. */
export async function readDefaultModelSetting(db: DbOrTx): Promise<string | null> {
  const [row] = await db
    .select({ value: appSettings.value })
    .from(appSettings)
    .where(eq(appSettings.key, DEFAULT_MODEL_SETTING))
    .limit(1);
  return typeof row?.value === 'string' ? row.value : null;
}

export async function writeDefaultModelSetting(db: DbOrTx, modelId: string): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key: DEFAULT_MODEL_SETTING, value: modelId })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: modelId, updatedAt: sql`now()` } });
}
