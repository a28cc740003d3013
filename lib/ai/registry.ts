import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { DomainError } from '@/lib/errors';
import { discoverModels } from './discovery';
import {
  contextWindowFor,
  DEFAULT_MAX_OUTPUT_TOKENS,
  DEFAULT_OPENAI_MODELS,
  env,
  listEnv,
  priceFor,
  type ModelPrice,
} from './model-config';
import { parseModelId, type ModelKind } from './model-id';
import { createOfflineModel, OFFLINE_MODEL_ID } from './offline-model';

export type { ModelPrice } from './model-config';
export { parseModelId, type ModelKind } from './model-id';

/** Why a provider or model cannot be used; `message` is English for logs and the API, `code` is for the UI. */
export type Unavailable = {
  code: 'missing_api_key' | 'missing_base_url' | 'discovery_failed';
  message: string;
};

export type ProviderStatus = { kind: ModelKind; available: boolean; unavailable: Unavailable | null };

export type ModelEntry = {
  /** Namespaced id, as stored on personas and in settings: `offline:persona-1`, `openai:gpt-4o-mini`, `compatible:llama3`. */
  id: string;
  kind: ModelKind;
  /** The id the provider knows it by (`gpt-4o-mini`). */
  providerModelId: string;
  /** English display label; UIs show the offline model through the catalog ("offline model"). */
  label: string;
  available: boolean;
  unavailable: Unavailable | null;
  contextWindow: number;
  /** What to reserve for a reply when the persona sets no limit. */
  defaultMaxOutputTokens: number;
  /** USD per 1k tokens; null when unknown. */
  price: ModelPrice | null;
};

export type ModelCatalog = { providers: ProviderStatus[]; models: ModelEntry[] };

export const OFFLINE_MODEL = `offline:${OFFLINE_MODEL_ID}`;
export const DEFAULT_MODEL_ID = OFFLINE_MODEL;
const COMPATIBLE_NAME = 'compatible';

const LABELS: Record<ModelKind, string> = { offline: 'offline model', openai: 'OpenAI', compatible: 'OpenAI-compatible' };

function entry(kind: ModelKind, providerModelId: string, unavailable: Unavailable | null): ModelEntry {
  const id = `${kind}:${providerModelId}`;
  return {
    id,
    kind,
    providerModelId,
    label: kind === 'offline' ? LABELS.offline : `${providerModelId} (${LABELS[kind]})`,
    available: unavailable === null,
    unavailable,
    contextWindow: contextWindowFor(id),
    defaultMaxOutputTokens: DEFAULT_MAX_OUTPUT_TOKENS[kind],
    price: priceFor(id),
  };
}

function openaiStatus(): Unavailable | null {
  return env('OPENAI_API_KEY') ? null : { code: 'missing_api_key', message: 'OPENAI_API_KEY is not set' };
}

function compatibleStatus(): Unavailable | null {
  return env('OPENAI_COMPATIBLE_BASE_URL')
    ? null
    : { code: 'missing_base_url', message: 'OPENAI_COMPATIBLE_BASE_URL is not set' };
}

/**
 * Every model this installation knows, with availability and the reason when unavailable. Asks an
 * OpenAI-compatible server for its /models only when OPENAI_COMPATIBLE_MODELS does not name them (cached briefly).
 */
export async function listModels(): Promise<ModelCatalog> {
  const openai = openaiStatus();
  const openaiIds = listEnv('OPENAI_MODELS') ?? DEFAULT_OPENAI_MODELS;

  let compatible = compatibleStatus();
  let compatibleIds = listEnv('OPENAI_COMPATIBLE_MODELS') ?? [];
  const baseURL = env('OPENAI_COMPATIBLE_BASE_URL');
  if (baseURL && !listEnv('OPENAI_COMPATIBLE_MODELS')) {
    const found = await discoverModels(baseURL, env('OPENAI_COMPATIBLE_API_KEY'));
    if (found.ok) compatibleIds = found.ids;
    else compatible = { code: 'discovery_failed', message: `unavailable: ${found.reason}` };
  }

  return {
    providers: [
      { kind: 'offline', available: true, unavailable: null },
      { kind: 'openai', available: !openai, unavailable: openai },
      { kind: 'compatible', available: !compatible, unavailable: compatible },
    ],
    models: [
      entry('offline', OFFLINE_MODEL_ID, null),
      ...openaiIds.map((id) => entry('openai', id, openai)),
      ...compatibleIds.map((id) => entry('compatible', id, compatible)),
    ],
  };
}

function unknownModel(id: string): DomainError {
  return new DomainError('validation', `Unknown model ${id}`, { modelId: 'unknown_model' });
}

function unavailableModel(id: string, why: Unavailable): DomainError {
  return new DomainError('provider_error', `Model ${id} is unavailable: ${why.message}`, { modelId: 'model_unavailable' });
}

/**
 * Context window, output reservation and price of a model from configuration alone (no network), for budgeting
 * and cost on the chat path. Throws a DomainError for an id that is not a model of a known kind.
 */
export function modelInfo(id: string): ModelEntry {
  const parsed = parseModelId(id);
  if (!parsed || (parsed.kind === 'offline' && parsed.providerModelId !== OFFLINE_MODEL_ID)) throw unknownModel(id);
  const status = parsed.kind === 'openai' ? openaiStatus() : parsed.kind === 'compatible' ? compatibleStatus() : null;
  return entry(parsed.kind, parsed.providerModelId, status);
}

const providers = new Map<string, (modelId: string) => LanguageModelV4>();

/** One provider instance per configuration, so repeated turns reuse it. */
function provider(key: string, make: () => (modelId: string) => LanguageModelV4) {
  let p = providers.get(key);
  if (!p) providers.set(key, (p = make()));
  return p;
}

/**
 * The AI SDK model for a namespaced id. Throws DomainError `validation` (field modelId: unknown_model) for an id
 * that names no model, and `provider_error` (model_unavailable) when its provider is not configured.
 * OpenAI models must be listed in OPENAI_MODELS (or the defaults); compatible ones in OPENAI_COMPATIBLE_MODELS when
 * that is set, otherwise any id is passed on and the server decides.
 */
export function resolveModel(id: string): LanguageModelV4 {
  const info = modelInfo(id);
  if (info.unavailable) throw unavailableModel(id, info.unavailable);
  const modelId = info.providerModelId;
  switch (info.kind) {
    case 'offline':
      return createOfflineModel(modelId);
    case 'openai': {
      if (!(listEnv('OPENAI_MODELS') ?? DEFAULT_OPENAI_MODELS).includes(modelId)) throw unknownModel(id);
      const apiKey = env('OPENAI_API_KEY')!;
      const baseURL = env('OPENAI_BASE_URL');
      // Chat Completions (`.chat`), not the Responses API that `openai(id)` calls in @ai-sdk/openai v4.
      return provider(`openai\n${apiKey}\n${baseURL ?? ''}`, () => {
        const openai = createOpenAI({ apiKey, ...(baseURL ? { baseURL } : {}) });
        return (m) => openai.chat(m);
      })(modelId);
    }
    case 'compatible': {
      const listed = listEnv('OPENAI_COMPATIBLE_MODELS');
      if (listed && !listed.includes(modelId)) throw unknownModel(id);
      const baseURL = env('OPENAI_COMPATIBLE_BASE_URL')!;
      const apiKey = env('OPENAI_COMPATIBLE_API_KEY');
      return provider(`compatible\n${baseURL}\n${apiKey ?? ''}\n${env('OPENAI_COMPATIBLE_STRUCTURED_OUTPUTS') ?? ''}`, () => {
        const compatible = createOpenAICompatible({
          name: COMPATIBLE_NAME,
          baseURL,
          apiKey,
          // Without it the server sends no token counts in streams.
          includeUsage: true,
          // json_schema response formats; off by default because older servers only know json_object.
          supportsStructuredOutputs: env('OPENAI_COMPATIBLE_STRUCTURED_OUTPUTS') === 'true',
        });
        return (m) => compatible.chatModel(m);
      })(modelId);
    }
  }
}
