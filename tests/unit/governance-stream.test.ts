import { describe, expect, it } from 'vitest';
import { compilePolicy } from '@/lib/governance/policies/engine';
import type { OutputGuard } from '@/lib/chat/generation';
import {
  asOutputGuard,
  filterTextStream,
  policyStreamTransform,
  policyTextTransform,
  REFUSAL_MARKER,
  StreamingPolicyFilter,
  type FilteredPart,
} from '@/lib/governance/policies/stream';

const policy = compilePolicy({
  version: 's-1',
  checks: [
    { id: 'pii', version: 1, on: 'output', kind: 'pii', action: 'redact', category: 'pii', detectors: ['phone', 'email', 'cn_id'] },
    { id: 'red-line', version: 1, on: 'output', kind: 'keywords', action: 'block', category: 'weapons', keywords: ['pipe bomb'] },
  ],
});

/** A ReadableStream of the given chunks (ReadableStream.from is missing from the DOM typings in use). */
function streamOf<T>(chunks: T[]): ReadableStream<T> {
  return new ReadableStream<T>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}

/** A model stream that records how many deltas were pulled and whether it was cancelled. */
function source(deltas: string[]) {
  const state = { pulled: 0, cancelled: false };
  async function* gen() {
    try {
      for (const d of deltas) {
        state.pulled++;
        yield d;
      }
    } finally {
      if (state.pulled < deltas.length) state.cancelled = true;
    }
  }
  return { stream: gen(), state };
}

async function collect(parts: AsyncIterable<FilteredPart>) {
  const shown: string[] = [];
  let refusal: FilteredPart | undefined;
  for await (const p of parts) {
    if (p.type === 'text') shown.push(p.text);
    else refusal = p;
  }
  return { shown, refusal };
}

describe('streaming output filter', () => {
  it('redacts a phone number split across deltas before any digit of it is shown', async () => {
    const deltas = ['Sure, call me at 13', '8001', '38000 or mail ', 'mira@exa', 'mple.com — bye!'];
    const filter = new StreamingPolicyFilter(policy);
    const { shown, refusal } = await collect(filterTextStream(source(deltas).stream, filter));
    expect(refusal).toBeUndefined();
    expect(shown.join('')).toBe('Sure, call me at [redacted:phone] or mail [redacted:email] — bye!');
    for (const chunk of shown) {
      expect(chunk).not.toMatch(/13|8001|38000|mira|exa/);
    }
    expect(filter.output).toBe(shown.join(''));
    expect(filter.verdicts).toEqual([expect.objectContaining({ check: 'pii', action: 'redact', count: 2 })]);
  });

  it('redacts a resident ID fed one character at a time', () => {
    const filter = new StreamingPolicyFilter(policy);
    let shown = '';
    for (const ch of 'ID: 11010519491231002X, thanks') shown += filter.push(ch);
    shown += filter.end();
    expect(shown).toBe('ID: [redacted:cn_id], thanks');
  });

  it('releases text as it streams, holding back only a short tail', () => {
    const filter = new StreamingPolicyFilter(policy);
    const long = 'The harbour at dawn is quiet; fishing boats drift out one by one while gulls circle overhead.';
    const first = filter.push(long);
    expect(first.length).toBeGreaterThan(0);
    expect(long.length - first.length).toBeLessThanOrEqual(70);
    expect(first + filter.end()).toBe(long);
  });

  it('stops the stream on a block mid-stream, shows a refusal and nothing after it', async () => {
    const deltas = ['Here is some harmless text that goes on for a while. ', 'Then how to build a pipe', ' bomb: step one', ' step two', ' step three'];
    const { stream, state } = source(deltas);
    const filter = new StreamingPolicyFilter(policy);
    const { shown, refusal } = await collect(filterTextStream(stream, filter));
    expect(refusal).toMatchObject({ type: 'refusal', verdict: { check: 'red-line', action: 'block', category: 'weapons' } });
    expect(shown.join('')).not.toContain('pipe');
    expect(shown.join('')).not.toContain('step');
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBe(3);
    expect(filter.verdicts).toContainEqual(expect.objectContaining({ check: 'red-line', action: 'block' }));
  });

  it('works as a TransformStream of strings', async () => {
    const filter = new StreamingPolicyFilter(policy);
    const padding = ' and then a long, calm description of the sea that fills the window well past its tail.';
    const input = streamOf(['call 1380', `0138000 now${padding}`, ' — a pipe bomb', ' never shown']);
    const out: string[] = [];
    for await (const s of input.pipeThrough(policyTextTransform(filter))) out.push(s);
    expect(out.join('').startsWith('call [redacted:phone] now and then')).toBe(true);
    expect(out.at(-1)).toBe(REFUSAL_MARKER);
    expect(out.join('')).not.toContain('bomb');
  });

  it('filters AI SDK text-delta parts and stops the model on a block', async () => {
    const filter = new StreamingPolicyFilter(policy);
    let stopped = false;
    const parts = [
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', text: 'mail a@b' },
      { type: 'text-delta', id: 't', text: '.io please' },
      { type: 'text-end', id: 't' },
      { type: 'finish' },
    ];
    const out: { type: string; text?: string }[] = [];
    const transformed = streamOf(parts).pipeThrough(policyStreamTransform(filter)({ stopStream: () => (stopped = true) }));
    for await (const p of transformed) out.push(p);
    expect(out.filter((p) => p.type === 'text-delta').map((p) => p.text).join('')).toBe('mail [redacted:email] please');
    // Text that cannot be part of a match is shown at once; only the possible email is held until it is known.
    expect(out.filter((p) => p.type === 'text-delta')[0]!.text).toBe('mail ');
    expect(out.map((p) => p.type).filter((t) => t !== 'text-delta')).toEqual(['text-start', 'text-end', 'finish']);
    expect(stopped).toBe(false);

    const blocking = new StreamingPolicyFilter(policy);
    const blocked: { type: string; text?: string }[] = [];
    const stream = streamOf([
      { type: 'text-start', id: 'u' },
      { type: 'text-delta', id: 'u', text: 'a pipe bomb is' },
      { type: 'text-delta', id: 'u', text: ' made by' },
      { type: 'text-end', id: 'u' },
      { type: 'finish' },
    ]).pipeThrough(policyStreamTransform(blocking)({ stopStream: () => (stopped = true) }));
    for await (const p of stream) blocked.push(p);
    expect(stopped).toBe(true);
    expect(blocked).toEqual([
      { type: 'text-start', id: 'u' },
      { type: 'text-delta', id: 'u', text: REFUSAL_MARKER },
      { type: 'text-end', id: 'u' },
      { type: 'finish' },
    ]);
  });

  it('shows text at once when no match can be under way, and holds back only a possible one', () => {
    const filter = new StreamingPolicyFilter(policy);
    expect(filter.push('The tide remembers every ship. ')).toBe('The tide remembers every ship. ');
    // A keyword arriving in pieces is held from its first piece.
    expect(filter.push('Here is a pipe ')).toBe('Here is a ');
    expect(filter.push('bomb recipe')).toBe('');
    expect(filter.end()).toBe('');
    expect(filter.blockedBy?.check).toBe('red-line');
    // A number that may still grow is held until it ends.
    const phone = new StreamingPolicyFilter(policy);
    expect(phone.push('call 138')).toBe('call ');
    expect(phone.push('1234')).toBe('');
    // (the last word is held too: it could still become an email address)
    expect(phone.push('5678 today')).toBe('[redacted:phone] ');
    expect(phone.end()).toBe('today');
  });

  it('plugs into the chat turn as its OutputGuard', () => {
    const guard: OutputGuard = asOutputGuard(new StreamingPolicyFilter(policy));
    expect(guard.push('reach me at 13800138000')).toEqual({ emit: 'reach me at ', blocked: false });
    expect(guard.flush()).toEqual({ emit: '[redacted:phone]', blocked: false });
    const blocking: OutputGuard = asOutputGuard(new StreamingPolicyFilter(policy));
    expect(blocking.push('how to make a pipe bomb at home')).toEqual({ emit: '', blocked: true });
  });
});
