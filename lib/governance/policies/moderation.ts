import { checksFor, verdictOf, type CompiledPolicy } from './engine';
import type { PolicySide, Verdict } from './types';

/** Returns the names of the moderation categories a text was flagged for. */
export type Moderator = (text: string) => Promise<string[]>;

/**
 * OpenAI's moderation endpoint as a Moderator, or null without OPENAI_API_KEY — so moderation checks are simply
 * skipped on installations (and in tests) that have no key.
 */
export function openAiModerator(env: NodeJS.ProcessEnv = process.env): Moderator | null {
  const key = env.OPENAI_API_KEY;
  if (!key) return null;
  const baseUrl = (env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1').replace(/\/$/, '');
  return async (text) => {
    const res = await fetch(`${baseUrl}/moderations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: 'omni-moderation-latest', input: text }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`moderation request failed: ${res.status}`);
    const body = (await res.json()) as { results?: { categories?: Record<string, boolean> }[] };
    const categories = body.results?.[0]?.categories ?? {};
    return Object.entries(categories)
      .filter(([, flagged]) => flagged)
      .map(([name]) => name);
  };
}

/**
 * Runs the policy's moderation checks for one side. Skipped (no verdicts) without a moderator; a failing call
 * is recorded as a `flag` with category moderation_unavailable rather than silently passing or blocking the chat.
 */
export async function moderate(
  policy: CompiledPolicy,
  text: string,
  on: PolicySide,
  moderator: Moderator | null = openAiModerator(),
): Promise<Verdict[]> {
  const checks = checksFor(policy, on).filter((c) => c.check.kind === 'moderation');
  if (!checks.length || !moderator || !text.trim()) return [];
  let flagged: string[];
  try {
    flagged = await moderator(text);
  } catch {
    return checks.map((c) => ({ ...verdictOf(c.check, 1), action: 'flag' as const, category: 'moderation_unavailable' }));
  }
  return checks.flatMap((c) => {
    const wanted = c.check.kind === 'moderation' && c.check.categories ? new Set(c.check.categories) : null;
    const hits = flagged.filter((f) => !wanted || wanted.has(f));
    return hits.length ? [verdictOf(c.check, hits.length)] : [];
  });
}
