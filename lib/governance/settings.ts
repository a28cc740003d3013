import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { appSettings } from '@/db/schema';
import type { Usage } from './types';

export const RETENTION_KEY = 'governance.retention_days';
export const PRICES_KEY = 'governance.prices';

/** USD per million tokens, keyed `provider:model` or `provider:*`. */
export type PriceTable = Record<string, { input: number; output: number }>;

export async function readSetting<T>(db: DbOrTx, key: string): Promise<T | undefined> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key)).limit(1);
  return row?.value as T | undefined;
}

export async function writeSetting(db: DbOrTx, key: string, value: unknown): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key, value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: sql`now()` } });
}

export async function readPrices(db: DbOrTx): Promise<PriceTable> {
  return (await readSetting<PriceTable>(db, PRICES_KEY)) ?? {};
}

/** Estimated cost in USD, or null when the model has no price (unknown is not free). */
export function estimateCost(prices: PriceTable, model: { provider: string; id: string }, usage: Usage | undefined): number | null {
  const price = prices[`${model.provider}:${model.id}`] ?? prices[`${model.provider}:*`];
  if (!price || !usage) return null;
  const cost = ((usage.inputTokens ?? 0) * price.input + (usage.outputTokens ?? 0) * price.output) / 1_000_000;
  // Eight decimals, the column's scale, so the envelope holds exactly what the column shows.
  return Math.round(cost * 1e8) / 1e8;
}
