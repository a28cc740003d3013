import type { DbOrTx } from '@/db/client';
import { getModelsOverview } from '@/lib/ai/default-model';

export type ModelChoice = { id: string; label: string; offline: boolean; available: boolean };

/**
 * What the persona form offers: the available models, plus the persona's current one even when it is no longer
 * configured (so an edit does not silently change it). The default's id tells the form what "app default" means.
 */
export async function modelChoices(db: DbOrTx, currentId: string | null): Promise<{ choices: ModelChoice[]; defaultModelId: string }> {
  const { models, defaultModelId } = await getModelsOverview(db);
  const choices = models
    .filter((m) => m.available || m.id === currentId)
    .map((m) => ({ id: m.id, label: m.label, offline: m.kind === 'offline', available: m.available }));
  if (currentId && !choices.some((c) => c.id === currentId)) {
    choices.push({ id: currentId, label: currentId, offline: false, available: false });
  }
  return { choices, defaultModelId };
}
