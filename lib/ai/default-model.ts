import type { DbOrTx } from '@/db/client';
import { validationError } from '@/lib/errors';
import { readDefaultModelSetting, writeDefaultModelSetting } from './queries';
import { DEFAULT_MODEL_ID, listModels, type ModelCatalog } from './registry';

/** The admin's default model, or the offline model when none has been chosen. */
export async function getDefaultModelId(db: DbOrTx): Promise<string> {
  return (await readDefaultModelSetting(db)) ?? DEFAULT_MODEL_ID;
}

/** The model a persona's chat uses: its own choice, else the admin's default. */
export async function effectiveModelId(db: DbOrTx, personaModelId: string | null | undefined): Promise<string> {
  return personaModelId?.trim() || getDefaultModelId(db);
}

/** Sets the default; only a listed, available model may become it. */
export async function setDefaultModelId(db: DbOrTx, modelId: string, catalog?: ModelCatalog): Promise<void> {
  const model = (catalog ?? (await listModels())).models.find((m) => m.id === modelId);
  if (!model) throw validationError(`Unknown model ${modelId}`, { modelId: 'unknown_model' });
  if (!model.available) {
    throw validationError(`Model ${modelId} is unavailable: ${model.unavailable?.message}`, { modelId: 'model_unavailable' });
  }
  await writeDefaultModelSetting(db, modelId);
}

export type ModelsOverview = ModelCatalog & { defaultModelId: string };

/** Everything the admin page and API show: providers, models and the current default. */
export async function getModelsOverview(db: DbOrTx): Promise<ModelsOverview> {
  const [catalog, defaultModelId] = await Promise.all([listModels(), getDefaultModelId(db)]);
  return { ...catalog, defaultModelId };
}
