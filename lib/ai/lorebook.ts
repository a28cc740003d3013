import { isCjkChar, estimateTokens } from './tokens';

/** A lorebook (world info) entry as a persona version stores it. Character Card `character_book` entries map onto it. */
export type LorebookEntry = {
  /** Primary keys: any one of them appearing in the scanned messages activates the entry. */
  keys: string[];
  /** When non-empty, at least one of these must ALSO appear (AND with the primary keys). */
  secondaryKeys?: string[];
  content: string;
  /** Disabled entries are never inserted. Default true. */
  enabled?: boolean;
  /** Insertion order: lower comes first in the prompt. Default 0. */
  order?: number;
  /** Always inserted (when enabled), whatever the messages say. Default false. */
  constant?: boolean;
  /** Match keys with exact case. Default false. */
  caseSensitive?: boolean;
};

export type ActivatedLorebookEntry = {
  /** Position of the entry in the persona's lorebook. */
  index: number;
  content: string;
  order: number;
  constant: boolean;
  /** The primary key that matched, or null for a constant entry. */
  key: string | null;
};

const wordChar = /[\p{L}\p{N}_]/u;

/**
 * Does `key` occur in `text`? Keys that begin or end with a letter or digit must sit on a word boundary there, so
 * "cat" does not fire on "category"; CJK has no spaces between words, so CJK ends match anywhere.
 */
export function keyMatches(text: string, key: string, caseSensitive = false): boolean {
  const k = key.trim();
  if (!k) return false;
  const chars = [...k];
  const first = chars[0]!;
  const last = chars[chars.length - 1]!;
  const before = wordChar.test(first) && !isCjkChar(first) ? '(?<![\\p{L}\\p{N}_])' : '';
  const after = wordChar.test(last) && !isCjkChar(last) ? '(?![\\p{L}\\p{N}_])' : '';
  const escaped = k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${before}${escaped}${after}`, caseSensitive ? 'u' : 'iu').test(text);
}

function firstMatch(text: string, keys: string[] | undefined, caseSensitive: boolean): string | null {
  return keys?.find((key) => keyMatches(text, key, caseSensitive)) ?? null;
}

/**
 * The entries to insert for `scanText` (the last few messages), within `budgetTokens`.
 * Rules: disabled or empty entries never; constant entries always; others when a primary key matches and, if the
 * entry has secondary keys, a secondary key matches too. Constant entries claim the budget first, then the others
 * in insertion order; an entry that does not fit is skipped. The result is in insertion order (order, then index).
 */
export function activateLorebook(entries: LorebookEntry[], scanText: string, budgetTokens: number): ActivatedLorebookEntry[] {
  const candidates: ActivatedLorebookEntry[] = [];
  entries.forEach((entry, index) => {
    if (entry.enabled === false || !entry.content.trim()) return;
    const base = { index, content: entry.content.trim(), order: entry.order ?? 0, constant: entry.constant === true };
    if (base.constant) return void candidates.push({ ...base, key: null });
    const caseSensitive = entry.caseSensitive === true;
    const key = firstMatch(scanText, entry.keys, caseSensitive);
    if (!key) return;
    const secondary = (entry.secondaryKeys ?? []).filter((k) => k.trim());
    if (secondary.length && !firstMatch(scanText, secondary, caseSensitive)) return;
    candidates.push({ ...base, key });
  });

  const byInsertion = (a: ActivatedLorebookEntry, b: ActivatedLorebookEntry) => a.order - b.order || a.index - b.index;
  const chosen: ActivatedLorebookEntry[] = [];
  let left = budgetTokens;
  for (const entry of [...candidates].sort((a, b) => Number(b.constant) - Number(a.constant) || byInsertion(a, b))) {
    const cost = estimateTokens(entry.content) + 1;
    if (cost > left) continue;
    left -= cost;
    chosen.push(entry);
  }
  return chosen.sort(byInsertion);
}
