/**
 * Domain errors: thrown by lib/, mapped to HTTP statuses in exactly one place (lib/http/error-response.ts).
 * `code` is stable and machine-readable; `message` is English for logs and API clients; `fields` maps a field
 * path to a message key from the i18n catalog's `errors` namespace, so a form can show it next to the field.
 */
export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'invalid_credentials'
  | 'provider_error';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);
export const forbidden = (why = 'You may not do this') => new DomainError('forbidden', why);
export const conflict = (message: string, fields?: Record<string, string>) =>
  new DomainError('conflict', message, fields);
export const validationError = (message: string, fields?: Record<string, string>) =>
  new DomainError('validation', message, fields);
export const tooLarge = (message: string) => new DomainError('payload_too_large', message);
export const rateLimited = (retryAfterSeconds: number) =>
  new DomainError('rate_limited', 'Too many attempts; try again later', undefined, retryAfterSeconds);
