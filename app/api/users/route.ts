import { getDb } from '@/db/client';
import { registerUser } from '@/lib/auth/register';
import { registerBodySchema } from '@/lib/auth/schemas';
import { signInRoute } from '@/lib/auth/session-routes';
import { route } from '@/lib/http/route';
import { currentLocale } from '@/lib/i18n/request';

// POST /api/users — create an account (the first one on an empty database is admin) and sign it in.
export const POST = route({ auth: 'public', body: registerBodySchema, maxBytes: 4096 }, async ({ body }) => {
  const user = await registerUser(await getDb(), body, await currentLocale());
  await signInRoute({ email: body.email, password: body.password });
  return Response.json({ user: { id: user.id, email: user.email, name: user.name, role: user.role } }, { status: 201 });
});
