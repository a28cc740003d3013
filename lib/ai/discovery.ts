import { numberEnv } from './model-config';

export type Discovery = { ok: true; ids: string[] } | { ok: false; reason: string };

type Cached = { expiresAt: number; result: Promise<Discovery> };
const cache = new Map<string, Cached>();

/** Failures are remembered for a shorter time than successes, so a server that comes back is noticed soon. */
const FAILURE_TTL_MS = 5_000;

/**
 * The model ids an OpenAI-compatible server lists at GET <baseURL>/models, cached for MODEL_DISCOVERY_TTL_MS and
 * given MODEL_DISCOVERY_TIMEOUT_MS to answer. Never throws: a failure comes back as its reason.
 */
export function discoverModels(baseURL: string, apiKey?: string): Promise<Discovery> {
  const key = `${baseURL}\n${apiKey ?? ''}`;
  const hit = cache.get(key);
  if (hit && hit.expiresAt > Date.now()) return hit.result;
  const ttl = numberEnv('MODEL_DISCOVERY_TTL_MS', 30_000);
  const entry: Cached = { expiresAt: Number.POSITIVE_INFINITY, result: fetchModels(baseURL, apiKey) };
  cache.set(key, entry);
  void entry.result.then((r) => {
    entry.expiresAt = Date.now() + (r.ok ? ttl : Math.min(ttl, FAILURE_TTL_MS));
  });
  return entry.result;
}

export function clearDiscoveryCache(): void {
  cache.clear();
}

async function fetchModels(baseURL: string, apiKey?: string): Promise<Discovery> {
  const timeoutMs = numberEnv('MODEL_DISCOVERY_TIMEOUT_MS', 3_000);
  const url = `${baseURL.replace(/\/+$/, '')}/models`;
  try {
    const res = await fetch(url, {
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
      cache: 'no-store',
    });
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, reason: `GET /models answered HTTP ${res.status}` };
    }
    const body = (await res.json()) as { data?: { id?: unknown }[] };
    if (!Array.isArray(body?.data)) return { ok: false, reason: 'GET /models returned no model list' };
    const ids = body.data.map((m) => m?.id).filter((id): id is string => typeof id === 'string' && id.length > 0);
    if (!ids.length) return { ok: false, reason: 'GET /models listed no models' };
    return { ok: true, ids: [...new Set(ids)].sort() };
  } catch (err) {
    return { ok: false, reason: describeFetchError(err, timeoutMs) };
  }
}

function describeFetchError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `GET /models timed out after ${timeoutMs} ms`;
  if (e?.name === 'SyntaxError') return 'GET /models did not return JSON';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? 'request failed';
}
