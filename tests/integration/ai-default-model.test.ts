import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { effectiveModelId, getDefaultModelId, getModelsOverview, setDefaultModelId } from '@/lib/ai/default-model';
import { DomainError } from '@/lib/errors';
import { freshDb } from './db';

let db: Db;
const savedKey = process.env.OPENAI_API_KEY;
beforeEach(async () => {
  db = await freshDb();
  delete process.env.OPENAI_API_KEY;
});
afterEach(() => {
  if (savedKey === undefined) delete process.env.OPENAI_API_KEY;
  else process.env.OPENAI_API_KEY = savedKey;
});

describe('default model setting', () => {
  it('is the offline model until an admin chooses another, and can be changed again', async () => {
    expect(await getDefaultModelId(db)).toBe('offline:persona-1');
    process.env.OPENAI_API_KEY = 'sk-test';
    await setDefaultModelId(db, 'openai:gpt-4o-mini');
    expect(await getDefaultModelId(db)).toBe('openai:gpt-4o-mini');
    await setDefaultModelId(db, 'offline:persona-1');
    expect(await getDefaultModelId(db)).toBe('offline:persona-1');
    expect((await getModelsOverview(db)).defaultModelId).toBe('offline:persona-1');
  });

  it('refuses unknown and unavailable models, keeping the previous default', async () => {
    const unknown = await setDefaultModelId(db, 'openai:gpt-2').catch((e) => e);
    expect(unknown).toBeInstanceOf(DomainError);
    expect(unknown).toMatchObject({ code: 'validation', fields: { modelId: 'unknown_model' } });
    const unavailable = await setDefaultModelId(db, 'openai:gpt-4o-mini').catch((e) => e);
    expect(unavailable).toMatchObject({ code: 'validation', fields: { modelId: 'model_unavailable' } });
    expect(await getDefaultModelId(db)).toBe('offline:persona-1');
  });

  it("uses the persona's own model when it has one, else the default", async () => {
    process.env.OPENAI_API_KEY = 'sk-test';
    await setDefaultModelId(db, 'openai:gpt-4.1-mini');
    expect(await effectiveModelId(db, 'offline:persona-1')).toBe('offline:persona-1');
    expect(await effectiveModelId(db, null)).toBe('openai:gpt-4.1-mini');
    expect(await effectiveModelId(db, '  ')).toBe('openai:gpt-4.1-mini');
  });
});
