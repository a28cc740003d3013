import { describe, expect, it } from 'vitest';
import { extractionPrompt, validateOperations, type ExtractionOutput } from '@/lib/memory/model-extractor';

const candidates = [
  { id: 'uuid-home', text: 'The user lives in Lisbon' },
  { id: 'uuid-jazz', text: 'The user likes jazz' },
];
const op = (o: Partial<ExtractionOutput['operations'][number]>): ExtractionOutput['operations'][number] => ({
  op: 'ADD',
  id: null,
  text: null,
  kind: null,
  importance: null,
  ...o,
});

describe('model extractor: operations are checked, never trusted', () => {
  it('shows candidates under short ids and maps them back', () => {
    expect(extractionPrompt('I moved to Porto', candidates)).toContain('m1: The user lives in Lisbon\nm2: The user likes jazz');
    const { ops, rejected } = validateOperations(
      { operations: [op({ op: 'UPDATE', id: 'm1', text: 'The user lives in Porto' }), op({ op: 'DELETE', id: 'm2' })] },
      candidates,
    );
    expect(rejected).toEqual([]);
    expect(ops).toEqual([
      { op: 'UPDATE', id: 'uuid-home', text: 'The user lives in Porto' },
      { op: 'DELETE', id: 'uuid-jazz' },
    ]);
  });

  it('rejects ids that are not among the candidates, including real-looking uuids', () => {
    const { ops, rejected } = validateOperations(
      {
        operations: [
          op({ op: 'DELETE', id: 'm9' }),
          op({ op: 'UPDATE', id: 'uuid-home', text: 'x' }),
          op({ op: 'DELETE', id: null }),
        ],
      },
      candidates,
    );
    expect(ops).toEqual([]);
    expect(rejected.map((r) => r.reason)).toEqual(['unknown id "m9"', 'unknown id "uuid-home"', 'unknown id null']);
  });

  it('rejects empty or over-long texts and a second change to the same memory', () => {
    const { ops, rejected } = validateOperations(
      {
        operations: [
          op({ text: '   ' }),
          op({ text: 'x'.repeat(501) }),
          op({ op: 'UPDATE', id: 'm1', text: 'The user lives in Porto' }),
          op({ op: 'DELETE', id: 'm1' }),
        ],
      },
      candidates,
    );
    expect(ops).toHaveLength(1);
    expect(rejected.map((r) => r.reason)).toEqual(['no text', 'text too long', 'memory already changed by an earlier operation']);
  });

  it('turns an ADD that repeats a candidate into NONE, and fills defaults for kind and importance', () => {
    const { ops } = validateOperations(
      { operations: [op({ text: 'the user likes jazz.' }), op({ text: '  The user  has a cat ' })] },
      candidates,
    );
    expect(ops).toEqual([
      { op: 'NONE', id: 'uuid-jazz' },
      { op: 'ADD', text: 'The user has a cat', kind: 'user_fact', importance: 3 },
    ]);
  });
});
