/**
 * A token estimate that needs no tokenizer, used for prompt budgets and for the offline model's usage figures.
 *
 * Heuristic: every CJK character (Han, kana, Hangul, CJK punctuation and full-width forms) counts as one token;
 * all other characters count a quarter token each (≈ 4 characters per token for English and code), rounded up.
 * Each chat message adds MESSAGE_OVERHEAD_TOKENS for the role and separators the provider wraps around it.
 * Real tokenizers differ by a few tens of percent; budgets keep a margin for that by reserving the output tokens.
 */
export const MESSAGE_OVERHEAD_TOKENS = 4;

const CJK = /[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;
const CJK_GLOBAL = new RegExp(CJK.source, 'gu');
/** Han ideographs only: what tells Chinese text from other text. */
const HAN_GLOBAL = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu;

export function isCjkChar(ch: string): boolean {
  return CJK.test(ch);
}

export function estimateTokens(text: string): number {
  if (!text) return 0;
  const cjk = text.match(CJK_GLOBAL)?.length ?? 0;
  const other = [...text].length - cjk;
  return cjk + Math.ceil(other / 4);
}

/** Estimate for one chat message (its text plus the per-message overhead). */
export function estimateMessageTokens(text: string): number {
  return estimateTokens(text) + MESSAGE_OVERHEAD_TOKENS;
}

export type Language = 'en' | 'zh';

/**
 * The language to answer in: Chinese when the text holds Han characters and at least as many of them as Latin
 * words ("我喜欢 sushi" is Chinese, "I love 寿司 and ramen" is English); English otherwise.
 */
export function detectLanguage(text: string): Language {
  const han = text.match(HAN_GLOBAL)?.length ?? 0;
  if (han === 0) return 'en';
  const latinWords = text.match(/[A-Za-z]+/g)?.length ?? 0;
  return han >= latinWords ? 'zh' : 'en';
}
