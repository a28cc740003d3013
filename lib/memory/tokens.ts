import { stemmer } from 'stemmer';
import { eng as englishStopWords, zho as chineseStopChars } from 'stopword';

/**
 * Search tokens for memories, made in the app so that both database engines see the same words: PostgreSQL's own
 * parser does not split Chinese, Intl.Segmenter does (ICU's dictionary). The same function runs when a memory is
 * stored and when recent messages are turned into a query, so both sides always agree.
 *
 * Each token is lower-cased, made of letters, marks and digits only (so the 'simple' text-search config leaves it
 * as it is), with English words reduced to their Porter stem ("lives" and "live" meet) and stop-words dropped.
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

// Words that carry no meaning for recall: the library's lists, plus the words every memory or question shares
// ("the user …", "用户…", "what/where …") and contractions once their apostrophe is gone.
// "like" stays searchable: "what do I like?" should reach "The user likes jazz".
const KEEP = new Set(['like']);
const EXTRA_STOP_WORDS = [
  'user', 'users', 'dont', 'doesnt', 'didnt', 'im', 'ive', 'youre', 'isnt', 'arent', 'wasnt', 'cant', 'wont',
  'whats', 'wheres', 'thats', 'does', 'tell', 'remember', 'know', 'please', 'yes', 'no', 'ok', 'okay', 'hi',
  'hello', 'thanks', 'thank', 'really', 'just', 'am', 'today', 'now', 'again', 'anyway', 'think', 'maybe', 'thing',
  'something', 'anything', 'everything', 'stuff', 'guess', 'say', 'said', 'told', 'talk', 'wonder', 'lot', 'bit',
  '用户', '我的', '我是', '你的', '你是', '我们', '你们', '他们', '她们', '什么', '哪里', '哪儿', '怎么', '怎样',
  '为什么', '这个', '那个', '一个', '一些', '没有', '知道', '可以', '还是', '就是', '不是', '现在', '因为',
  '所以', '但是', '如果', '这样', '那么', '自己', '请问', '告诉', '记得', '记住', '一下', '你好', '谢谢', '过', '聊',
  '聊天', '觉得', '想想', '其实', '反正',
];
const STOP_WORDS = new Set(
  [...englishStopWords, ...chineseStopChars, ...EXTRA_STOP_WORDS].filter((w) => !KEEP.has(w)),
);

// British and American spellings meet before stemming.
const SPELLING: Record<string, string> = { favourite: 'favorite', favourites: 'favorites', colour: 'color', colours: 'colors' };

const MAX_TOKEN_LENGTH = 40;
/** How many distinct terms a query may hold; more makes recall slower without making it better. */
export const MAX_QUERY_TERMS = 32;

function normaliseWord(raw: string): string[] {
  const word = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/['’]/gu, '');
  const out: string[] = [];
  for (const part of word.split(/[^\p{L}\p{M}\p{N}]+/u)) {
    if (!part || STOP_WORDS.has(part)) continue;
    if (/^[a-z]$/.test(part)) continue;
    const token = /^[a-z]+$/.test(part) ? stemmer(SPELLING[part] ?? part) : part;
    if (STOP_WORDS.has(token)) continue;
    out.push(token.slice(0, MAX_TOKEN_LENGTH));
  }
  return out;
}

/** The search tokens of a text, in order, repeats kept (they weigh in ts_rank). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    if (isWordLike) tokens.push(...normaliseWord(segment));
  }
  return tokens;
}

/** The text to store as `to_tsvector('simple', …)` for a memory. */
export function searchDocument(text: string): string {
  return tokenize(text).join(' ');
}

/**
 * The distinct terms of a text for a query, at most `maxTerms`. Later words win when there are too many: the end
 * of the conversation is what a reply is about.
 */
export function queryTerms(text: string, maxTerms = MAX_QUERY_TERMS): string[] {
  const terms: string[] = [];
  const seen = new Set<string>();
  const tokens = tokenize(text);
  for (let i = tokens.length - 1; i >= 0 && terms.length < maxTerms; i--) {
    const t = tokens[i]!;
    if (!seen.has(t)) {
      seen.add(t);
      terms.push(t);
    }
  }
  return terms;
}

/** Terms joined into `to_tsquery('simple', …)` text: any of them, or all of them (a search box); null for none. */
export function tsqueryText(terms: string[], match: 'any' | 'all' = 'any'): string | null {
  // Tokens are letters, marks and digits only, so they need no quoting in tsquery syntax.
  return terms.length ? terms.join(match === 'any' ? ' | ' : ' & ') : null;
}

/** The `to_tsquery('simple', …)` text for a text's terms, or null when it has none. */
export function searchQuery(
  text: string,
  { match = 'any', maxTerms = MAX_QUERY_TERMS }: { match?: 'any' | 'all'; maxTerms?: number } = {},
): string | null {
  return tsqueryText(queryTerms(text, maxTerms), match);
}
