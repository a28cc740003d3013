import { getDb } from '@/db/client';
import { getModelsOverview } from '@/lib/ai/default-model';
import { route } from '@/lib/http/route';

// GET /api/models — the models a persona may choose (available ones only) and the installation's default.
export const GET = route({}, async () => {
  const { models, defaultModelId } = await getModelsOverview(await getDb());
  return {
    defaultModelId,
    models: models
      .filter((m) => m.available)
      .map(({ id, kind, providerModelId, label, contextWindow, defaultMaxOutputTokens }) => ({
        id,
        kind,
        providerModelId,
        label,
        contextWindow,
        defaultMaxOutputTokens,
      })),
  };
});
