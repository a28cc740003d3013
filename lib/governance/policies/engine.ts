import { detectorMaxLength, detectors, type Span } from './pii';
import { strongest, type Policy, type PolicyAction, type PolicyCheck, type PolicySide, type Verdict } from './types';

export type Hit = Span & { check: CompiledCheck; label: string };

export type CompiledCheck = {
  check: PolicyCheck;
  /** Spans this check finds in a text; moderation checks find none here (they run asynchronously). */
  find: (text: string) => Hit[];
  maxLength: number;
  /**
   * Where in `text` a match of this check could still be under way if more text followed (text.length when none
   * could): the streaming filter shows everything before it at once instead of holding back `maxLength` characters.
   */
  openFrom: (text: string) => number;
};

export type CompiledPolicy = { version: string; checks: CompiledCheck[]; maxLength: number };

export type PolicyResult = {
  action: PolicyAction;
  verdicts: Verdict[];
  /** The text with every `redact` hit masked; what is shown and what is stored. */
  text: string;
  blockedBy: Verdict | null;
  policyVersion: string;
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Keywords made of ASCII letters and digits match as whole words; others (e.g. Chinese) match anywhere. */
function keywordRegExp(keywords: string[]): RegExp | null {
  const alternatives = keywords
    .filter((k) => k.trim())
    .sort((a, b) => b.length - a.length)
    .map((k) => (/^[A-Za-z0-9 ]+$/.test(k) ? `(?<![A-Za-z0-9])${escapeRegExp(k)}(?![A-Za-z0-9])` : escapeRegExp(k)));
  return alternatives.length ? new RegExp(alternatives.join('|'), 'giu') : null;
}

function regexHits(re: RegExp | null, text: string, check: CompiledCheck, label: string): Hit[] {
  if (!re) return [];
  const hits: Hit[] = [];
  for (const m of text.matchAll(re)) {
    if (m[0].length) hits.push({ start: m.index!, end: m.index! + m[0].length, check, label });
  }
  return hits;
}

export function compilePolicy(policy: Policy): CompiledPolicy {
  const checks = policy.checks.map((check): CompiledCheck => {
    const compiled: CompiledCheck = { check, find: () => [], maxLength: 0, openFrom: (t) => t.length };
    switch (check.kind) {
      case 'keywords': {
        const re = keywordRegExp(check.keywords);
        compiled.find = (text) => regexHits(re, text, compiled, check.category);
        compiled.maxLength = Math.max(0, ...check.keywords.map((k) => k.length)) + 1;
        compiled.openFrom = keywordOpenFrom(check.keywords);
        break;
      }
      case 'pattern': {
        const flags = 'g' + [...new Set((check.flags ?? '').replace(/[^imsu]/g, ''))].join('');
        const res = check.patterns.map((p) => new RegExp(p, flags));
        compiled.find = (text) => res.flatMap((re) => regexHits(re, text, compiled, check.category));
        compiled.maxLength = check.maxLength ?? 64;
        compiled.openFrom = check.anchor
          ? anchorOpenFrom(new RegExp(check.anchor, 'g' + flags.replace('g', '')), compiled.maxLength)
          : (t) => Math.max(0, t.length - compiled.maxLength);
        break;
      }
      case 'pii':
        compiled.find = (text) =>
          check.detectors.flatMap((d) => detectors[d](text).map((s) => ({ ...s, check: compiled, label: d })));
        compiled.maxLength = Math.max(0, ...check.detectors.map((d) => detectorMaxLength[d])) + 1;
        compiled.openFrom = piiOpenFrom(check.detectors, compiled.maxLength);
        break;
      case 'moderation':
        break;
    }
    return compiled;
  });
  return { version: policy.version, checks, maxLength: Math.max(1, ...checks.map((c) => c.maxLength)) };
}

/** The longest suffix of `text` that begins some keyword (or is one, awaiting the character after it). */
function keywordOpenFrom(keywords: string[]): (text: string) => number {
  const lowered = keywords.filter((k) => k.trim()).map((k) => k.toLowerCase());
  return (text) => {
    const tail = text.slice(-Math.max(1, ...lowered.map((k) => k.length))).toLowerCase();
    let open = text.length;
    for (const k of lowered) {
      for (let n = Math.min(k.length, tail.length); n > 0; n--) {
        if (tail.endsWith(k.slice(0, n))) {
          open = Math.min(open, text.length - n);
          break;
        }
      }
    }
    return open;
  };
}

// A number that may still be growing (phone, ID, card: digits with separators), or a word that may be an email.
const openNumber = /[+(（]?\d[\d\s\-–().xX]*$/u;
const openEmail = /[\p{L}\p{N}._%+-]+(?:@[\p{L}\p{N}.-]*)?$/u;

function piiOpenFrom(kinds: string[], maxLength: number): (text: string) => number {
  const numbers = kinds.some((k) => k !== 'email');
  const emails = kinds.includes('email');
  return (text) => {
    let open = text.length;
    if (numbers) open = Math.min(open, openNumber.exec(text)?.index ?? text.length);
    if (emails) open = Math.min(open, openEmail.exec(text)?.index ?? text.length);
    return Math.max(open, text.length - maxLength);
  };
}

/** From the last place a match could have begun (the anchor, or a word that may become it). */
function anchorOpenFrom(anchor: RegExp, maxLength: number): (text: string) => number {
  return (text) => {
    const windowStart = Math.max(0, text.length - maxLength);
    let open = text.length;
    for (const m of text.slice(windowStart).matchAll(anchor)) open = Math.min(open, windowStart + m.index!);
    // The anchor may be arriving in pieces: hold the last word (or the last Han character) too.
    const partial = /\p{Script=Han}$/u.test(text) ? text.length - 1 : (/[\p{L}\p{N}]+$/u.exec(text)?.index ?? text.length);
    open = Math.min(open, Math.max(partial, windowStart));
    return open;
  };
}

export function checksFor(policy: CompiledPolicy, on: PolicySide): CompiledCheck[] {
  return policy.checks.filter((c) => c.check.on === on);
}

export function findHits(checks: CompiledCheck[], text: string): Hit[] {
  return checks.flatMap((c) => c.find(text));
}

export function verdictOf(check: PolicyCheck, count: number): Verdict {
  return {
    check: check.id,
    version: check.version,
    on: check.on,
    kind: check.kind,
    action: check.action,
    category: check.category,
    count,
  };
}

/** Adds up hits per check into verdicts, in the policy's order. */
export function tally(hits: Hit[], into: Map<CompiledCheck, number> = new Map()): Map<CompiledCheck, number> {
  for (const h of hits) into.set(h.check, (into.get(h.check) ?? 0) + 1);
  return into;
}

export function verdictsFrom(policy: CompiledPolicy, counts: Map<CompiledCheck, number>): Verdict[] {
  return policy.checks.filter((c) => counts.has(c)).map((c) => verdictOf(c.check, counts.get(c)!));
}

export const maskFor = (label: string) => `[redacted:${label}]`;

/** Masks the `redact` hits (overlapping hits merge into one mask, labelled by the first). */
export function redact(text: string, hits: Hit[]): string {
  const spans = hits.filter((h) => h.check.check.action === 'redact').sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const h of spans) {
    if (h.end <= at) continue;
    if (h.start >= at) {
      out += text.slice(at, h.start) + maskFor(h.label);
    }
    at = Math.max(at, h.end);
  }
  return out + text.slice(at);
}

/** Runs the synchronous checks (keywords, patterns, PII) for one side on a whole text. */
export function evaluatePolicy(policy: CompiledPolicy, text: string, on: PolicySide): PolicyResult {
  const hits = findHits(checksFor(policy, on), text);
  const verdicts = verdictsFrom(policy, tally(hits));
  const action = strongest(verdicts.map((v) => v.action));
  return {
    action,
    verdicts,
    text: action === 'block' ? text : redact(text, hits),
    blockedBy: verdicts.find((v) => v.action === 'block') ?? null,
    policyVersion: policy.version,
  };
}
