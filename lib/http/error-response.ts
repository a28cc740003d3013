import { ZodError } from 'zod';
import { DomainError, type ErrorCode } from '@/lib/errors';
import { zodFieldErrors, zodSummary } from './zod-errors';

const statusByCode: Record<ErrorCode, number> = {
  validation: 400,
  invalid_credentials: 401,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  provider_error: 502,
};

export type ErrorBody = { error: { code: ErrorCode | 'internal'; message: string; fields?: Record<string, string> } };

/** The one table from domain errors to HTTP responses. Anything unknown is a 500 that reveals nothing. */
export function errorResponse(err: unknown, requestId?: string): Response {
  if (err instanceof ZodError) {
    return json(400, { error: { code: 'validation', message: zodSummary(err), fields: zodFieldErrors(err) } });
  }
  if (err instanceof DomainError) {
    const headers: Record<string, string> = {};
    if (err.retryAfterSeconds) headers['retry-after'] = String(err.retryAfterSeconds);
    return json(
      statusByCode[err.code],
      { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } },
      headers,
    );
  }
  console.error(`[${requestId ?? '-'}] unhandled error:`, err instanceof Error ? err.stack : err);
  return json(500, { error: { code: 'internal', message: 'Something went wrong on our side' } });
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}
