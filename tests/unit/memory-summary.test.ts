import { describe, expect, it } from 'vitest';
import { rollSummary } from '@/lib/memory/summary';

describe('rolling summary (offline)', () => {
  it('keeps the first sentence of each older turn, labelled by speaker', () => {
    const s = rollSummary(null, [
      { role: 'user', text: 'I just moved to Porto. The flat is small but bright.' },
      { role: 'assistant', text: 'Porto is lovely!  How is the new job going?' },
      { role: 'user', text: '我今天很累。工作太多了。' },
    ]);
    expect(s).toBe('User: I just moved to Porto.\nPersona: Porto is lovely!\nUser: 我今天很累。');
  });

  it('rolls: adds to the previous summary and drops the oldest lines past the limit', () => {
    const first = rollSummary(null, [{ role: 'user', text: 'One.' }, { role: 'assistant', text: 'Two.' }]);
    const next = rollSummary(first, [{ role: 'user', text: 'Three.' }], { maxChars: 28 });
    expect(next).toBe('Persona: Two.\nUser: Three.');
  });

  it('is deterministic and cuts very long sentences', () => {
    const turns = [{ role: 'user' as const, text: 'a'.repeat(500) }];
    expect(rollSummary(null, turns)).toBe(rollSummary(null, turns));
    expect(rollSummary(null, turns, { maxSentenceChars: 20 })).toBe(`User: ${'a'.repeat(19)}…`);
  });
});
