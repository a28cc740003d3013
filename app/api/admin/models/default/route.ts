import { getDb } from '@/db/client';
import { setDefaultModelId } from '@/lib/ai/default-model';
import { setDefaultModelBodySchema } from '@/lib/ai/schemas';
import { route } from '@/lib/http/route';

// PUT /api/admin/models/default — the admin picks the model personas use when they name none.
export const PUT = route({ permission: 'settings.manage', body: setDefaultModelBodySchema }, async ({ body }) => {
  await setDefaultModelId(await getDb(), body.modelId);
  return { defaultModelId: body.modelId };
});
