/**
 * Model settings read from the environment at call time (so tests and admins can change them without a rebuild):
 *   OPENAI_API_KEY, OPENAI_BASE_URL (optional), OPENAI_MODELS            e.g. "gpt-4o-mini,gpt-4.1-mini"
 *   OPENAI_COMPATIBLE_BASE_URL, OPENAI_COMPATIBLE_API_KEY (optional),
 *   OPENAI_COMPATIBLE_MODELS (optional; otherwise GET <base>/models)    e.g. "llama3,qwen2.5:7b"
 *   OPENAI_COMPATIBLE_STRUCTURED_OUTPUTS=true  when the server accepts json_schema response formats
 *   MODEL_CONTEXT_WINDOWS_JSON   {"compatible:llama3": 8192, "compatible:*": 32768}
 *   MODEL_PRICES_JSON            {"openai:gpt-4o-mini": {"input": 0.00015, "output": 0.0006}}  (USD per 1k tokens)
 *   MODEL_DISCOVERY_TIMEOUT_MS (default 3000), MODEL_DISCOVERY_TTL_MS (default 30000)
 * Keys of the two JSON tables are namespaced model ids; "<kind>:*" sets a fallback for a whole kind.
 */
import type { ModelKind } from './model-id';

/** USD per 1,000 tokens. */
export type ModelPrice = { inputPer1k: number; outputPer1k: number };

export const DEFAULT_OPENAI_MODELS = ['gpt-4o-mini', 'gpt-4.1-mini'];

const DEFAULT_CONTEXT_WINDOWS: Record<string, number> = {
  'offline:*': 8192,
  'openai:gpt-4o-mini': 128_000,
  'openai:gpt-4o': 128_000,
  'openai:gpt-4.1': 1_047_576,
  'openai:gpt-4.1-mini': 1_047_576,
  'openai:gpt-4.1-nano': 1_047_576,
  'openai:*': 128_000,
  // Ollama's default context is small; a larger one must be configured on the server and here alike.
  'compatible:*': 8192,
};

const DEFAULT_PRICES: Record<string, ModelPrice> = {
  'offline:*': { inputPer1k: 0, outputPer1k: 0 },
  'openai:gpt-4o-mini': { inputPer1k: 0.00015, outputPer1k: 0.0006 },
  'openai:gpt-4o': { inputPer1k: 0.0025, outputPer1k: 0.01 },
  'openai:gpt-4.1': { inputPer1k: 0.002, outputPer1k: 0.008 },
  'openai:gpt-4.1-mini': { inputPer1k: 0.0004, outputPer1k: 0.0016 },
  'openai:gpt-4.1-nano': { inputPer1k: 0.0001, outputPer1k: 0.0004 },
  // Self-hosted endpoints cost nothing per token unless an admin says otherwise.
  'compatible:*': { inputPer1k: 0, outputPer1k: 0 },
};

export const DEFAULT_MAX_OUTPUT_TOKENS: Record<ModelKind, number> = { offline: 512, openai: 1024, compatible: 1024 };

export function env(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

export function listEnv(name: string): string[] | undefined {
  const value = env(name);
  if (!value) return undefined;
  const ids = [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))];
  return ids.length ? ids : undefined;
}

export function numberEnv(name: string, fallback: number): number {
  const n = Number(env(name));
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

const warned = new Set<string>();
function jsonEnv(name: string): Record<string, unknown> {
  const raw = env(name);
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the warning
  }
  if (!warned.has(name)) {
    warned.add(name);
    console.warn(`[ai] ${name} is not a JSON object; using defaults`);
  }
  return {};
}

function lookup<T>(table: Record<string, T>, id: string): T | undefined {
  return table[id] ?? table[`${id.slice(0, id.indexOf(':'))}:*`];
}

export function contextWindowFor(id: string): number {
  const configured = Object.fromEntries(
    Object.entries(jsonEnv('MODEL_CONTEXT_WINDOWS_JSON')).filter(([, v]) => typeof v === 'number' && v > 0),
  ) as Record<string, number>;
  return lookup(configured, id) ?? lookup(DEFAULT_CONTEXT_WINDOWS, id) ?? 8192;
}

/** The price per 1k tokens, or null when nobody has said (an unknown OpenAI model): cost is then unknown. */
export function priceFor(id: string): ModelPrice | null {
  const configured: Record<string, ModelPrice> = {};
  for (const [key, value] of Object.entries(jsonEnv('MODEL_PRICES_JSON'))) {
    const v = value as { input?: unknown; output?: unknown } | null;
    if (typeof v?.input === 'number' && typeof v.output === 'number') {
      configured[key] = { inputPer1k: v.input, outputPer1k: v.output };
    }
  }
  return lookup(configured, id) ?? lookup(DEFAULT_PRICES, id) ?? null;
}

/** Cost in USD of one call, or null when the model has no price. */
export function costOf(price: ModelPrice | null, usage: { inputTokens?: number; outputTokens?: number }): number | null {
  if (!price) return null;
  return ((usage.inputTokens ?? 0) * price.inputPer1k + (usage.outputTokens ?? 0) * price.outputPer1k) / 1000;
}
