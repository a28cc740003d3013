import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { compilePolicy, type CompiledPolicy } from './engine';
import type { Policy } from './types';

const base = {
  id: z.string().min(1),
  version: z.number().int().positive(),
  on: z.enum(['input', 'output']),
  action: z.enum(['allow', 'flag', 'redact', 'block']),
  category: z.string().min(1),
};

const checkSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('keywords'), keywords: z.array(z.string()).min(1) }),
  z.object({
    ...base,
    kind: z.literal('pattern'),
    patterns: z.array(z.string().refine(isRegExp, 'not a valid regular expression')).min(1),
    flags: z.string().regex(/^[imsu]*$/).optional(),
    maxLength: z.number().int().positive().max(512).optional(),
    // How a match begins (a regular expression); lets the streaming filter hold back only from a possible start.
    anchor: z.string().refine(isRegExp, 'not a valid regular expression').optional(),
  }),
  z.object({ ...base, kind: z.literal('pii'), detectors: z.array(z.enum(['email', 'phone', 'cn_id', 'bank_card'])).min(1) }),
  z.object({ ...base, kind: z.literal('moderation'), categories: z.array(z.string()).optional() }),
]);

export const policySchema = z.object({
  version: z.string().min(1),
  checks: z.array(checkSchema).refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'check ids must be unique'),
});

function isRegExp(p: string): boolean {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}

export function parsePolicy(json: unknown): Policy {
  return policySchema.parse(json) as Policy;
}

/** The policy file in use: POLICY_FILE, else policies/default.json. */
export function policyPath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.POLICY_FILE ?? 'policies/default.json');
}

let cached: { file: string; mtimeMs: number; policy: CompiledPolicy } | undefined;

/** Loads and compiles the policy file, again only when it changed on disk. A broken file throws: fail closed. */
export function loadPolicy(file = policyPath()): CompiledPolicy {
  const { mtimeMs } = fs.statSync(file);
  if (cached && cached.file === file && cached.mtimeMs === mtimeMs) return cached.policy;
  const policy = compilePolicy(parsePolicy(JSON.parse(fs.readFileSync(file, 'utf8'))));
  cached = { file, mtimeMs, policy };
  return policy;
}
