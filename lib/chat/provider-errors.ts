import { APICallError, RetryError } from 'ai';

/** What went wrong with a model call, in terms a user (and the audit log) can act on. */
export type ProviderErrorCode =
  | 'provider_auth'
  | 'provider_rate_limited'
  | 'provider_unavailable'
  | 'timeout'
  | 'broken_stream'
  | 'generic';

export function classifyProviderError(err: unknown): { code: ProviderErrorCode; message: string } {
  const e = RetryError.isInstance(err) ? err.lastError : err;
  if (APICallError.isInstance(e)) {
    const status = e.statusCode;
    if (status === 401 || status === 403) return { code: 'provider_auth', message: `Provider refused credentials (${status})` };
    if (status === 429) return { code: 'provider_rate_limited', message: 'Provider rate limit (429)' };
    if (status && status >= 500) return { code: 'provider_unavailable', message: `Provider error (${status})` };
    // A stream that broke off after a successful start surfaces as an APICallError carrying the 200 it began with.
    if (!status || (status >= 200 && status < 300)) return { code: 'broken_stream', message: 'The provider stream broke off' };
    return { code: 'generic', message: `Provider error (${status})` };
  }
  if (e instanceof Error && /terminated|socket|ECONNRESET|other side closed|premature/i.test(e.message)) {
    return { code: 'broken_stream', message: 'The provider stream broke off' };
  }
  if (e instanceof Error && /ECONNREFUSED|ENOTFOUND|fetch failed/i.test(`${e.message} ${String(e.cause ?? '')}`)) {
    return { code: 'provider_unavailable', message: 'Provider unreachable' };
  }
  return { code: 'generic', message: 'The model call failed' };
}
