import type { DbOrTx } from '@/db/client';
import { costOf } from '@/lib/ai/model-config';
import type { ModelEntry } from '@/lib/ai/registry';
import { completeGeneration, type GenerationFinish, type GenerationHandle, type Verdict } from '@/lib/governance';
import type { GenerationOutcome } from './generation';

/** How a stored reply's status reads in the audit record's finish field. */
export function finishOf(outcome: GenerationOutcome): GenerationFinish {
  switch (outcome.status) {
    case 'blocked':
      return 'blocked';
    case 'stopped':
      return 'aborted';
    case 'error':
    case 'interrupted':
      return 'error';
    case 'complete':
      return outcome.finishReason === 'length' ? 'length' : outcome.finishReason === 'content-filter' ? 'content-filter' : 'stop';
  }
}

/** Completes the call's audit record with what was shown and stored, in the caller's transaction. */
export function recordOutcome(
  tx: DbOrTx,
  call: GenerationHandle,
  outcome: GenerationOutcome,
  ctx: { model: Pick<ModelEntry, 'price'>; verdicts: Verdict[]; policyVersion: string; requestId: string },
) {
  const usage = outcome.usage ?? undefined;
  const cost = usage && ctx.model.price ? costOf(ctx.model.price, usage) : undefined;
  return completeGeneration(tx, call, {
    output: outcome.text,
    finish: finishOf(outcome),
    usage,
    cost,
    ttftMs: outcome.ttftMs === null ? null : Math.round(outcome.ttftMs),
    totalMs: Math.round(outcome.totalMs),
    verdicts: ctx.verdicts,
    policyVersion: ctx.policyVersion,
    error: outcome.error?.code ?? null,
    requestId: ctx.requestId,
  });
}
