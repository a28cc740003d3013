/** A policy file: ordered checks, each run on the user's input or on the model's output. */
export type PolicyAction = 'allow' | 'flag' | 'redact' | 'block';
export type PolicySide = 'input' | 'output';
export type CheckKind = 'keywords' | 'pattern' | 'pii' | 'moderation';
export type PiiDetector = 'email' | 'phone' | 'cn_id' | 'bank_card';

type CheckBase = {
  id: string;
  version: number;
  on: PolicySide;
  action: PolicyAction;
  category: string;
};

export type PolicyCheck =
  | (CheckBase & { kind: 'keywords'; keywords: string[] })
  | (CheckBase & { kind: 'pattern'; patterns: string[]; flags?: string; maxLength?: number; anchor?: string })
  | (CheckBase & { kind: 'pii'; detectors: PiiDetector[] })
  | (CheckBase & { kind: 'moderation'; categories?: string[] });

export type Policy = { version: string; checks: PolicyCheck[] };

/**
 * What one check decided about one text. It never carries the matched text itself — verdicts go into the
 * immutable audit envelope, and a matched phone number must stay erasable.
 */
export type Verdict = {
  check: string;
  version: number;
  on: PolicySide;
  kind: CheckKind;
  action: PolicyAction;
  category: string;
  count: number;
};

const strength: Record<PolicyAction, number> = { allow: 0, flag: 1, redact: 2, block: 3 };

/** The strongest action wins: block > redact > flag > allow. */
export function strongest(actions: Iterable<PolicyAction | null | undefined>): PolicyAction {
  let best: PolicyAction = 'allow';
  for (const a of actions) if (a && strength[a] > strength[best]) best = a;
  return best;
}
