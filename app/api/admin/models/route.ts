import { getDb } from '@/db/client';
import { getModelsOverview } from '@/lib/ai/default-model';
import { route } from '@/lib/http/route';

// GET /api/admin/models — every configured model, its availability (and why not), and the default.
export const GET = route({ permission: 'settings.manage' }, async () => getModelsOverview(await getDb()));
