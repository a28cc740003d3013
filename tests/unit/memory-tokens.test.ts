import { describe, expect, it } from 'vitest';
import { queryTerms, searchDocument, searchQuery, tokenize } from '@/lib/memory/tokens';

describe('memory search tokens', () => {
  it('splits Chinese into words, not characters or whole sentences', () => {
    expect(tokenize('用户住在里斯本')).toEqual(['住在', '里斯本']);
    expect(tokenize('我住在哪里？')).toEqual(['住在']);
    expect(tokenize('用户喜欢喝咖啡')).toEqual(['喜欢', '喝', '咖啡']);
  });

  it('lower-cases, stems English and drops stop-words, so a question meets the stored fact', () => {
    expect(tokenize('The user lives in Lisbon')).toEqual(['live', 'lisbon']);
    expect(tokenize('Where do I live?')).toEqual(['live']);
    expect(tokenize("What's my NAME?")).toEqual(['name']);
    expect(tokenize("The user's favourite colour is blue")).toEqual(tokenize('my favorite color is blue'));
  });

  it('keeps "like" searchable, so "what do I like?" can reach what the user likes', () => {
    expect(tokenize('what do I like?')).toEqual(['like']);
    expect(tokenize('The user likes jazz')).toEqual(['like', 'jazz']);
  });

  it('makes tokens of letters and digits only, safe inside tsquery text', () => {
    const tokens = tokenize("e-mail: ada@example.com, node.js 3.5 & it's 'quoted' | !(x)");
    for (const t of tokens) expect(t).toMatch(/^[\p{L}\p{M}\p{N}]+$/u);
    // Only plain ASCII words are stemmed; other scripts stay whole.
    expect(searchDocument('Café naïve Lives')).toBe('café naïve live');
  });

  it('builds an OR query of distinct terms, newest words first, capped', () => {
    expect(searchQuery('I live in Lisbon and love Lisbon')).toBe('lisbon | love | live');
    expect(searchQuery('the and of')).toBeNull();
    expect(searchQuery('jazz blues', { match: 'all' })).toBe('blue & jazz');
    const many = Array.from({ length: 50 }, (_, i) => `word${i}`).join(' ');
    const terms = queryTerms(many, 32);
    expect(terms).toHaveLength(32);
    expect(terms[0]).toBe('word49');
  });
});

describe('which messages are worth an extraction call', () => {
  it('skips messages that say nothing about the user', async () => {
    const { mightHoldPersonalFacts } = await import('@/lib/memory/cues');
    expect(mightHoldPersonalFacts('Hello there')).toBe(false);
    expect(mightHoldPersonalFacts('What is the capital of France?')).toBe(false);
    expect(mightHoldPersonalFacts('my name is Ada and I live in Lisbon')).toBe(true);
    expect(mightHoldPersonalFacts("I'm from Porto")).toBe(true);
    expect(mightHoldPersonalFacts('我住在里斯本')).toBe(true);
    expect(mightHoldPersonalFacts('今天天气很好')).toBe(false);
  });
});
