import { cookies } from 'next/headers';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { localeSchema } from '@/lib/auth/schemas';
import { setUserLocale } from '@/lib/auth/users';
import { route } from '@/lib/http/route';
import { LOCALE_COOKIE } from '@/lib/i18n/config';

// POST /api/locale — remember the UI language (cookie for everyone, and on the account when signed in).
export const POST = route(
  { auth: 'public', body: z.object({ locale: localeSchema }), maxBytes: 1024 },
  async ({ user, body }) => {
    (await cookies()).set(LOCALE_COOKIE, body.locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax' });
    if (user) await setUserLocale(await getDb(), user.id, body.locale);
    return { locale: body.locale };
  },
);
