import { checksFor, findHits, redact, tally, verdictOf, verdictsFrom, type CompiledCheck, type CompiledPolicy, type Hit } from './engine';
import type { Verdict } from './types';

/** What a filtered stream yields: text that is safe to show, or — once — the refusal that ends it. */
export type FilteredPart = { type: 'text'; text: string } | { type: 'refusal'; verdict: Verdict };

/** Stands in for a blocked reply in plain-text streams; UIs replace it with a localized refusal. */
export const REFUSAL_MARKER = '[[policy:refused]]';

// Characters of already released text kept so that lookbehinds (e.g. "not preceded by a digit") see what the
// whole text would show them.
const CONTEXT_CHARS = 32;

/**
 * Checks a model's output while it streams. Text is released only once no pattern can still be growing across its
 * end: a tail as long as the longest pattern (`holdBack`) stays back, so a phone number split over deltas is
 * redacted before any of it is shown. A `block` hit ends the stream: nothing more is released and the refusal is
 * reported. Verdicts count each hit once, when its text is released (or blocks).
 */
export class StreamingPolicyFilter {
  private pending = '';
  private context = '';
  private counts = new Map<CompiledCheck, number>();
  private released = '';
  private readonly checks: CompiledCheck[];
  private readonly holdBack: number;
  blockedBy: Verdict | null = null;

  constructor(
    private readonly policy: CompiledPolicy,
    opts: { holdBack?: number } = {},
  ) {
    this.checks = checksFor(policy, 'output').filter((c) => c.check.kind !== 'moderation');
    this.holdBack = Math.max(opts.holdBack ?? 0, ...this.checks.map((c) => c.maxLength), 1);
  }

  /** Feeds one delta; returns the text that may be shown now ('' while held back or after a block). */
  push(delta: string): string {
    if (this.blockedBy || !delta) return '';
    this.pending += delta;
    return this.step(false);
  }

  /** The stream ended: checks and releases the held-back tail. */
  end(): string {
    if (this.blockedBy) return '';
    return this.step(true);
  }

  /** Everything released so far, redacted: what was shown, and what the audit record stores. */
  get output(): string {
    return this.released;
  }

  get verdicts(): Verdict[] {
    const verdicts = verdictsFrom(this.policy, this.counts);
    return this.blockedBy ? [...verdicts.filter((v) => v.check !== this.blockedBy!.check), this.blockedBy] : verdicts;
  }

  private step(final: boolean): string {
    const offset = this.context.length;
    const hits = findHits(this.checks, this.context + this.pending)
      .map((h) => ({ ...h, start: h.start - offset, end: h.end - offset }))
      .filter((h) => h.end > 0)
      .map((h) => ({ ...h, start: Math.max(0, h.start) }));

    // A block hit counts once the character after it is known (or the stream ended), so that "kill" is not
    // mistaken for the start of "killer".
    const block = hits.find((h) => h.check.check.action === 'block' && (final || h.end < this.pending.length));
    if (block) {
      this.blockedBy = verdictOf(block.check.check, 1);
      this.pending = '';
      return '';
    }

    // Hold back only from where a match could still be under way (never more than the longest match).
    let safeEnd = this.pending.length;
    if (!final) {
      const text = this.context + this.pending;
      for (const c of this.checks) safeEnd = Math.min(safeEnd, c.openFrom(text) - offset);
      safeEnd = Math.max(0, this.pending.length - this.holdBack, safeEnd);
    }
    // Never cut through a hit: pull the boundary back to its start (repeat, as hits can overlap).
    for (let moved = true; moved; ) {
      moved = false;
      for (const h of hits) {
        if (h.start < safeEnd && h.end > safeEnd) {
          safeEnd = h.start;
          moved = true;
        }
      }
    }
    if (safeEnd === 0) return '';

    const settled: Hit[] = hits.filter((h) => h.end <= safeEnd);
    tally(settled, this.counts);
    const chunk = this.pending.slice(0, safeEnd);
    const shown = redact(chunk, settled);
    this.context = (this.context + chunk).slice(-CONTEXT_CHARS);
    this.pending = this.pending.slice(safeEnd);
    this.released += shown;
    return shown;
  }
}

/**
 * Wraps an async iterable of text deltas. On a block it stops reading the source (ending the model call) and
 * yields one refusal part. The filter passed in keeps the verdicts and the redacted output for the audit record.
 */
export async function* filterTextStream(
  source: AsyncIterable<string>,
  filter: StreamingPolicyFilter,
): AsyncGenerator<FilteredPart> {
  for await (const delta of source) {
    const text = filter.push(delta);
    if (text) yield { type: 'text', text };
    if (filter.blockedBy) {
      yield { type: 'refusal', verdict: filter.blockedBy };
      return; // leaving the for-await calls the source's return(): the model stream is cancelled
    }
  }
  const tail = filter.end();
  if (tail) yield { type: 'text', text: tail };
  if (filter.blockedBy) yield { type: 'refusal', verdict: filter.blockedBy };
}

/** The same as a TransformStream of strings; a block becomes REFUSAL_MARKER and ends the stream. */
export function policyTextTransform(filter: StreamingPolicyFilter): TransformStream<string, string> {
  return new TransformStream<string, string>({
    transform(delta, controller) {
      const text = filter.push(delta);
      if (text) controller.enqueue(text);
      if (filter.blockedBy) {
        controller.enqueue(REFUSAL_MARKER);
        controller.terminate();
      }
    },
    flush(controller) {
      const tail = filter.end();
      if (tail) controller.enqueue(tail);
      if (filter.blockedBy) controller.enqueue(REFUSAL_MARKER);
    },
  });
}

type StreamPart = { type: string; id?: string; text?: string };

/**
 * For the AI SDK's `streamText({ experimental_transform })`: filters `text-delta` parts and passes every other part
 * through, releasing the held-back tail before a text block ends. On a block it calls `stopStream()` (aborting the
 * model call) and emits REFUSAL_MARKER as the block's last delta. Read `filter.verdicts` / `filter.output` in onEnd.
 */
export function policyStreamTransform(filter: StreamingPolicyFilter) {
  return ({ stopStream }: { stopStream: () => void }) => {
    let lastId = 'text';
    return new TransformStream<StreamPart, StreamPart>({
      transform(part, controller) {
        // After a block, no more text; other parts (finish, abort, usage) still pass so the call ends normally.
        if (filter.blockedBy) {
          if (!part.type.startsWith('text-')) controller.enqueue(part);
          return;
        }
        if (part.type === 'text-delta') {
          lastId = part.id ?? lastId;
          const text = filter.push(part.text ?? '');
          if (text) controller.enqueue({ ...part, text });
          if (filter.blockedBy) {
            controller.enqueue({ ...part, text: REFUSAL_MARKER });
            controller.enqueue({ type: 'text-end', id: lastId });
            stopStream();
          }
          return;
        }
        if (part.type === 'text-end') {
          const tail = filter.end();
          if (tail) controller.enqueue({ type: 'text-delta', id: part.id ?? lastId, text: tail });
          if (filter.blockedBy) controller.enqueue({ type: 'text-delta', id: part.id ?? lastId, text: REFUSAL_MARKER });
        }
        controller.enqueue(part);
      },
    });
  };
}

/**
 * The chat's OutputGuard (lib/chat/generation.ts: push/flush → { emit, blocked }) over a filter, so the chat turn
 * plugs the policy in as its guard. Read `filter.output` and `filter.verdicts` for the audit record afterwards.
 */
export function asOutputGuard(filter: StreamingPolicyFilter) {
  return {
    push: (delta: string) => ({ emit: filter.push(delta), blocked: filter.blockedBy !== null }),
    flush: () => ({ emit: filter.end(), blocked: filter.blockedBy !== null }),
  };
}
