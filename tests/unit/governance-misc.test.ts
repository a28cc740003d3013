import { describe, expect, it } from 'vitest';
import { lastUserText } from '@/lib/governance/audit';
import { aigcLabel } from '@/lib/governance/labels';
import { auditedFilter, listAuditQuerySchema, parseListQuery } from '@/lib/governance/queries';
import { estimateCost } from '@/lib/governance/settings';

describe('cost estimate', () => {
  const prices = { 'openai:gpt-4o-mini': { input: 0.15, output: 0.6 }, 'offline:*': { input: 0, output: 0 } };
  it('prices tokens per million, by exact model or provider wildcard, and says unknown rather than free', () => {
    expect(estimateCost(prices, { provider: 'openai', id: 'gpt-4o-mini' }, { inputTokens: 1000, outputTokens: 500 })).toBe(0.00045);
    expect(estimateCost(prices, { provider: 'offline', id: 'persona-1' }, { inputTokens: 10, outputTokens: 10 })).toBe(0);
    expect(estimateCost(prices, { provider: 'openai', id: 'gpt-4.1' }, { inputTokens: 10 })).toBeNull();
  });
});

describe('search text of a call', () => {
  it('is the last user message, whatever the prompt shape', () => {
    expect(lastUserText('plain prompt')).toBe('plain prompt');
    expect(lastUserText([{ role: 'user', content: 'first' }, { role: 'assistant', content: 'x' }, { role: 'user', content: 'second' }])).toBe('second');
    expect(lastUserText({ messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'image' }, { type: 'text', text: 'b' }] }] })).toBe('a  b');
    expect(lastUserText(null)).toBe('');
  });
});

describe('AIGC label', () => {
  it('names the label, the producer and the content id', () => {
    expect(aigcLabel('msg-1', { contentHash: 'abc' })).toEqual({
      AIGC: { Label: '1', ContentProducer: 'Persona', ProduceID: 'msg-1', ReservedCode1: 'abc', ContentPropagator: 'Persona', PropagateID: 'msg-1', ReservedCode2: '' },
    });
  });
});

describe('review filters', () => {
  it('drops a malformed filter instead of failing the page, and reports it', () => {
    const { query, invalid } = parseListQuery({ persona: 'not-a-uuid', model: 'gpt-4o-mini', verdict: 'block', flagged: '1' });
    expect(invalid).toEqual(['persona']);
    expect(query).toMatchObject({ model: 'gpt-4o-mini', verdict: 'block', flagged: true, limit: 50 });
    expect(listAuditQuerySchema.parse({ persona: '', version: '' })).toEqual({ limit: 50 });
  });

  it('keeps search text out of what an audited view records immutably', () => {
    expect(auditedFilter({ model: 'm', q: 'call 13800138000' })).toEqual({
      data: { filter: { model: 'm' }, searched: true },
      content: { prompt: { q: 'call 13800138000' } },
    });
    expect(auditedFilter({ model: 'm' })).toEqual({ data: { filter: { model: 'm' } } });
  });
});
