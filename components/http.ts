/** Browser-side JSON calls to our API, returning the server's error body instead of throwing. */
export type ApiError = { code: string; message: string; fields?: Record<string, string> };
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiError; retryAfter?: number };

export async function postJson<T = unknown>(url: string, body: unknown, method = 'POST'): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, status: 0, error: { code: 'network', message: 'network error' } };
  }
  const payload = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: payload as T };
  const retryAfter = Number(res.headers.get('retry-after')) || undefined;
  const error = (payload as { error?: ApiError } | null)?.error ?? { code: 'generic', message: res.statusText };
  return { ok: false, status: res.status, error, retryAfter };
}
