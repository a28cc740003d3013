import { getDb } from '@/db/client';
import { eraseMyData } from '@/lib/account/erase-my-data';
import { route } from '@/lib/http/route';

// DELETE /api/account/data — "delete my data": erases the signed-in user's message content everywhere.
export const DELETE = route({}, async ({ user }) => eraseMyData(await getDb(), user.id));
