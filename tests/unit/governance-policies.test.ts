import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluatePolicy } from '@/lib/governance/policies/engine';
import { loadPolicy, parsePolicy } from '@/lib/governance/policies/load';
import { moderate } from '@/lib/governance/policies/moderation';
import { detectors, isValidCnId, luhnValid } from '@/lib/governance/policies/pii';
import type { Policy } from '@/lib/governance/policies/types';

const found = (detector: keyof typeof detectors, text: string) => detectors[detector](text).map((s) => text.slice(s.start, s.end));

describe('PII detectors', () => {
  it('finds email addresses', () => {
    expect(found('email', 'write to mira.chen+news@example.co.uk today')).toEqual(['mira.chen+news@example.co.uk']);
    expect(found('email', 'no address here @ all, nor user@localhost')).toEqual([]);
  });

  it('finds Chinese mobile numbers in their usual spellings, and no other 11-digit runs', () => {
    expect(found('phone', '电话13800138000，或 +86 138 0013 8000')).toEqual(['13800138000', '+86 138 0013 8000']);
    expect(found('phone', '12800138000 is not a mobile number')).toEqual([]);
    expect(found('phone', 'order 9138001380001 shipped')).toEqual([]);
  });

  it('finds international and North American phone numbers', () => {
    expect(found('phone', 'call +44 20 7946 0958 or (555) 123-4567')).toEqual(['+44 20 7946 0958', '(555) 123-4567']);
  });

  it('accepts a resident ID only with a correct ISO 7064 mod 11-2 check character', () => {
    expect(isValidCnId('11010519491231002X')).toBe(true);
    expect(isValidCnId('11010519491231002x')).toBe(true);
    expect(isValidCnId('110105194912310021')).toBe(false);
    expect(found('cn_id', '身份证号 11010519491231002X 请核对')).toEqual(['11010519491231002X']);
    expect(found('cn_id', '身份证号 110105194912310021 请核对')).toEqual([]);
    expect(found('cn_id', 'born 110105194913310027')).toEqual([]); // month 13
  });

  it('accepts a card number only when it passes Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(found('bank_card', 'card 4111 1111 1111 1111, 6222-0212-3456-7894')).toEqual(['4111 1111 1111 1111', '6222-0212-3456-7894']);
    expect(found('bank_card', 'card 4111 1111 1111 1112 and 6222021234567890')).toEqual([]);
  });
});

const policy: Policy = {
  version: 'test-1',
  checks: [
    { id: 'greeting', version: 1, on: 'output', kind: 'keywords', action: 'allow', category: 'smalltalk', keywords: ['hello'] },
    { id: 'swear', version: 2, on: 'output', kind: 'keywords', action: 'flag', category: 'profanity', keywords: ['darn', '该死'] },
    { id: 'pii', version: 1, on: 'output', kind: 'pii', action: 'redact', category: 'pii', detectors: ['email', 'phone'] },
    { id: 'secret', version: 1, on: 'output', kind: 'pattern', action: 'block', category: 'secrets', patterns: ['sk-[A-Za-z0-9]{20,}'] },
    { id: 'in-pii', version: 1, on: 'input', kind: 'pii', action: 'flag', category: 'pii', detectors: ['cn_id'] },
  ],
};

describe('policy engine', () => {
  const compiled = compilePolicy(policy);

  it('lets the strongest action win and reports each verdict with its check and policy version', () => {
    const r = evaluatePolicy(compiled, 'Hello! Darn, mail me at a@b.io', 'output');
    expect(r.action).toBe('redact');
    expect(r.text).toBe('Hello! Darn, mail me at [redacted:email]');
    expect(r.policyVersion).toBe('test-1');
    expect(r.verdicts).toEqual([
      { check: 'greeting', version: 1, on: 'output', kind: 'keywords', action: 'allow', category: 'smalltalk', count: 1 },
      { check: 'swear', version: 2, on: 'output', kind: 'keywords', action: 'flag', category: 'profanity', count: 1 },
      { check: 'pii', version: 1, on: 'output', kind: 'pii', action: 'redact', category: 'pii', count: 1 },
    ]);
    const blocked = evaluatePolicy(compiled, 'your key is sk-abcdefghijklmnopqrstuvwx, darn', 'output');
    expect(blocked.action).toBe('block');
    expect(blocked.blockedBy).toMatchObject({ check: 'secret', category: 'secrets' });
  });

  it('matches ASCII keywords as whole words and Chinese keywords anywhere', () => {
    expect(evaluatePolicy(compiled, 'darned socks', 'output').action).toBe('allow');
    expect(evaluatePolicy(compiled, '真该死啊', 'output').action).toBe('flag');
  });

  it('runs only the checks for the side asked', () => {
    expect(evaluatePolicy(compiled, '11010519491231002X', 'input').verdicts.map((v) => v.check)).toEqual(['in-pii']);
    expect(evaluatePolicy(compiled, '11010519491231002X', 'output').verdicts).toEqual([]);
  });

  it('loads the shipped default policy and refuses a malformed one', () => {
    const p = loadPolicy(path.resolve('policies/default.json'));
    expect(p.version).toBeTruthy();
    expect(evaluatePolicy(p, 'call 13800138000', 'output').text).toBe('call [redacted:phone]');
    expect(() => parsePolicy({ version: 'x', checks: [{ id: 'a', version: 1, on: 'output', kind: 'pattern', action: 'block', category: 'c', patterns: ['('] }] })).toThrow();
    expect(() => parsePolicy({ version: 'x', checks: [{ id: 'a', version: 1, on: 'both', kind: 'keywords', action: 'block', category: 'c', keywords: ['k'] }] })).toThrow();
  });

  it('skips moderation without a moderator and records what one flags', async () => {
    const p = compilePolicy({ version: 'm', checks: [{ id: 'mod', version: 1, on: 'output', kind: 'moderation', action: 'block', category: 'moderation' }] });
    expect(await moderate(p, 'text', 'output', null)).toEqual([]);
    expect(await moderate(p, 'text', 'output', async () => ['violence'])).toMatchObject([{ check: 'mod', action: 'block', count: 1 }]);
    expect(await moderate(p, 'text', 'output', async () => Promise.reject(new Error('down')))).toMatchObject([
      { action: 'flag', category: 'moderation_unavailable' },
    ]);
  });
});
