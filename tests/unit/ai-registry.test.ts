import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { costOf, priceFor } from '@/lib/ai/model-config';
import { OfflineLanguageModel } from '@/lib/ai/offline-model';
import { DEFAULT_MODEL_ID, listModels, modelInfo, parseModelId, resolveModel } from '@/lib/ai/registry';
import { DomainError } from '@/lib/errors';

// Only configurations that need no network: anything that calls a server is in tests/integration/ai-providers.test.ts.
const KEYS = [
  'OPENAI_API_KEY',
  'OPENAI_MODELS',
  'OPENAI_COMPATIBLE_BASE_URL',
  'OPENAI_COMPATIBLE_MODELS',
  'MODEL_PRICES_JSON',
  'MODEL_CONTEXT_WINDOWS_JSON',
];
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
beforeEach(() => KEYS.forEach((k) => delete process.env[k]));
afterEach(() => KEYS.forEach((k) => (saved[k] === undefined ? delete process.env[k] : (process.env[k] = saved[k]))));

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a throw');
}

describe('model registry', () => {
  it('with nothing configured offers the offline model as the default and says why the others are unavailable', async () => {
    const { providers, models } = await listModels();
    expect(DEFAULT_MODEL_ID).toBe('offline:persona-1');
    expect(providers).toEqual([
      { kind: 'offline', available: true, unavailable: null },
      { kind: 'openai', available: false, unavailable: { code: 'missing_api_key', message: 'OPENAI_API_KEY is not set' } },
      {
        kind: 'compatible',
        available: false,
        unavailable: { code: 'missing_base_url', message: 'OPENAI_COMPATIBLE_BASE_URL is not set' },
      },
    ]);
    expect(models.map((m) => [m.id, m.available])).toEqual([
      ['offline:persona-1', true],
      ['openai:gpt-4o-mini', false],
      ['openai:gpt-4.1-mini', false],
    ]);
    expect(models[0]).toMatchObject({ label: 'offline model', contextWindow: 8192, price: { inputPer1k: 0, outputPer1k: 0 } });
  });

  it('lists OpenAI models from OPENAI_MODELS as available once a key is set', async () => {
    process.env.OPENAI_API_KEY = 'sk-test';
    process.env.OPENAI_MODELS = 'gpt-4o, gpt-4o-mini,gpt-4o';
    const { models } = await listModels();
    expect(models.filter((m) => m.kind === 'openai').map((m) => [m.id, m.available, m.label])).toEqual([
      ['openai:gpt-4o', true, 'gpt-4o (OpenAI)'],
      ['openai:gpt-4o-mini', true, 'gpt-4o-mini (OpenAI)'],
    ]);
  });

  it('resolves ids to models, and refuses unknown or unconfigured ones with a DomainError', () => {
    expect(resolveModel('offline:persona-1')).toBeInstanceOf(OfflineLanguageModel);
    expect(caught(() => resolveModel('gpt-4o'))).toMatchObject({ code: 'validation', fields: { modelId: 'unknown_model' } });
    expect(caught(() => resolveModel('elsewhere:x'))).toMatchObject({ code: 'validation' });
    expect(caught(() => resolveModel('compatible:llama3'))).toMatchObject({
      code: 'provider_error',
      fields: { modelId: 'model_unavailable' },
      message: 'Model compatible:llama3 is unavailable: OPENAI_COMPATIBLE_BASE_URL is not set',
    });
    process.env.OPENAI_API_KEY = 'sk-test';
    expect(resolveModel('openai:gpt-4o-mini')).toMatchObject({ specificationVersion: 'v4', modelId: 'gpt-4o-mini' });
    expect(caught(() => resolveModel('openai:gpt-3'))).toMatchObject({ code: 'validation' });
    process.env.OPENAI_COMPATIBLE_BASE_URL = 'http://127.0.0.1:9/v1';
    process.env.OPENAI_COMPATIBLE_MODELS = 'llama3';
    expect(resolveModel('compatible:llama3')).toMatchObject({ modelId: 'llama3' });
    expect(caught(() => resolveModel('compatible:mistral'))).toMatchObject({ code: 'validation' });
  });

  it('splits namespaced ids at the first colon only', () => {
    expect(parseModelId('compatible:qwen2.5:7b')).toEqual({ kind: 'compatible', providerModelId: 'qwen2.5:7b' });
    expect(parseModelId('openai:')).toBeNull();
    expect(parseModelId(':x')).toBeNull();
  });

  it('gives context windows and prices from defaults, overridden by the JSON tables (exact id, then kind:*)', () => {
    expect(modelInfo('openai:gpt-4o-mini')).toMatchObject({ contextWindow: 128_000, price: { inputPer1k: 0.00015, outputPer1k: 0.0006 } });
    expect(modelInfo('compatible:llama3')).toMatchObject({ contextWindow: 8192, price: { inputPer1k: 0, outputPer1k: 0 } });
    expect(modelInfo('openai:some-new-model').price).toBeNull();

    process.env.MODEL_CONTEXT_WINDOWS_JSON = JSON.stringify({ 'compatible:llama3': 32_768, 'compatible:*': 4096 });
    process.env.MODEL_PRICES_JSON = JSON.stringify({ 'openai:some-new-model': { input: 0.001, output: 0.002 }, 'compatible:*': { input: 0.5, output: 1 } });
    expect(modelInfo('compatible:llama3').contextWindow).toBe(32_768);
    expect(modelInfo('compatible:mistral').contextWindow).toBe(4096);
    expect(modelInfo('openai:some-new-model').price).toEqual({ inputPer1k: 0.001, outputPer1k: 0.002 });
    expect(modelInfo('compatible:mistral').price).toEqual({ inputPer1k: 0.5, outputPer1k: 1 });
  });

  it('ignores a price table that is not JSON', () => {
    process.env.MODEL_PRICES_JSON = '{not json';
    expect(priceFor('openai:gpt-4o')).toEqual({ inputPer1k: 0.0025, outputPer1k: 0.01 });
  });

  it('computes cost per call from the price per 1k tokens', () => {
    expect(costOf({ inputPer1k: 0.0025, outputPer1k: 0.01 }, { inputTokens: 2000, outputTokens: 500 })).toBeCloseTo(0.01);
    expect(costOf(null, { inputTokens: 1 })).toBeNull();
  });
});
