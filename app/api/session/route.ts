import { signInBodySchema } from '@/lib/auth/schemas';
import { signInRoute, signOutRoute } from '@/lib/auth/session-routes';
import { route } from '@/lib/http/route';

// POST /api/session — sign in with email and password (400 / 401 / 429).
export const POST = route({ auth: 'public', body: signInBodySchema, maxBytes: 4096 }, ({ body }) => signInRoute(body));

// DELETE /api/session — sign out.
export const DELETE = route({ auth: 'public' }, () => signOutRoute());
