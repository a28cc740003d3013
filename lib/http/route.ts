import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { assertCan, type Permission } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import type { PublicUser } from '@/lib/auth/users';
import { DomainError, tooLarge, validationError } from '@/lib/errors';
import { errorResponse } from './error-response';
import { readBytes } from './read-body';

type Auth = 'public' | 'user';

type Options<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, A extends Auth> = {
  auth?: A;
  permission?: Permission;
  body?: B;
  query?: Q;
  /** Largest accepted request body, in bytes (413 above it). */
  maxBytes?: number;
};

type Ctx<B, Q, A extends Auth> = {
  req: Request;
  requestId: string;
  user: A extends 'public' ? PublicUser | null : PublicUser;
  body: B extends z.ZodType ? z.infer<B> : undefined;
  query: Q extends z.ZodType ? z.infer<Q> : undefined;
  params: Record<string, string>;
};

const DEFAULT_MAX_BYTES = 256 * 1024;

/**
 * The one route wrapper: session → permission → body size → zod parse → handler → error mapping.
 * A handler returns a Response, or a value that is sent as JSON with 200.
 */
export function route<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  A extends Auth = 'user',
>(opts: Options<B, Q, A>, handler: (ctx: Ctx<B, Q, A>) => Promise<unknown>) {
  return async (req: Request, segment?: { params?: Promise<Record<string, string>> }): Promise<Response> => {
    const requestId = req.headers.get('x-request-id') ?? randomUUID();
    try {
      const user = await getCurrentUser();
      if ((opts.auth ?? 'user') === 'user' && !user) throw new DomainError('unauthenticated', 'Sign in to continue');
      if (opts.permission) assertCan(user!, opts.permission);
      const body = opts.body ? opts.body.parse(await readJson(req, opts.maxBytes ?? DEFAULT_MAX_BYTES)) : undefined;
      const query = opts.query ? opts.query.parse(Object.fromEntries(new URL(req.url).searchParams)) : undefined;
      const params = (await segment?.params) ?? {};
      const result = await handler({ req, requestId, user, body, query, params } as Ctx<B, Q, A>);
      return result instanceof Response ? result : Response.json(result ?? { ok: true });
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
}

/** Reads a JSON body, refusing it with 413 as soon as it passes `maxBytes` rather than buffering it whole. */
export async function readJson(req: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(`Request body is larger than ${maxBytes} bytes`);
  const text = await readText(req, maxBytes);
  if (!text.trim()) throw validationError('body: expected a JSON object', { _: 'invalid_json' });
  try {
    return JSON.parse(text);
  } catch {
    throw validationError('body: not valid JSON', { _: 'invalid_json' });
  }
}

async function readText(req: Request, maxBytes: number): Promise<string> {
  return (await readBytes(req, maxBytes)).toString('utf8');
}
