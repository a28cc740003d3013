import { tokenize } from './tokens';
import type { MemoryKind } from './types';

/**
 * The facts the offline extractor knows, each with its "slot": two memories in the same slot say the same kind of
 * thing, so a new one replaces the old (a new home, a changed taste). Memories are phrased in the third person in
 * the user's language, so a prompt can use them as they are; the same phrasings are parsed back here to find the
 * slot of an existing memory. Text written by a model or edited by the user may match no phrasing: such a memory
 * has no slot and is only ever matched as an exact repeat.
 */
export type Lang = 'en' | 'zh';
export type Fact = {
  slot: string;
  text: string;
  kind: MemoryKind;
  importance: number;
  /** The fact rendered in both languages, to find similar memories whichever language they were stored in. */
  probe: string;
};

type SlotName = 'name' | 'nickname' | 'home' | 'origin' | 'job' | 'workplace' | 'age';
type SlotSpec = { kind: MemoryKind; importance: number; en: (v: string) => string; zh: (v: string) => string };

export const SLOTS: Record<SlotName, SlotSpec> = {
  name: { kind: 'user_fact', importance: 5, en: (v) => `The user's name is ${v}`, zh: (v) => `用户叫${v}` },
  nickname: {
    kind: 'relationship',
    importance: 4,
    en: (v) => `The user wants to be called ${v}`,
    zh: (v) => `用户希望被称为${v}`,
  },
  home: { kind: 'user_fact', importance: 4, en: (v) => `The user lives in ${v}`, zh: (v) => `用户住在${v}` },
  origin: { kind: 'user_fact', importance: 3, en: (v) => `The user is from ${v}`, zh: (v) => `用户来自${v}` },
  job: { kind: 'user_fact', importance: 4, en: (v) => `The user works as ${v}`, zh: (v) => `用户是做${v}的` },
  workplace: { kind: 'user_fact', importance: 3, en: (v) => `The user works at ${v}`, zh: (v) => `用户在${v}工作` },
  age: { kind: 'user_fact', importance: 3, en: (v) => `The user is ${v} years old`, zh: (v) => `用户今年${v}岁` },
};

/** A value's identity for slot keys: its search tokens, so "cats" and "the cat" are one thing. */
export function valueKey(value: string): string {
  return tokenize(value).join(' ') || value.trim().toLowerCase();
}

export function slotFact(slot: SlotName, value: string, lang: Lang): Fact {
  const spec = SLOTS[slot];
  return {
    slot,
    text: spec[lang](value),
    kind: spec.kind,
    importance: spec.importance,
    probe: `${spec.en(value)} ${spec.zh(value)}`,
  };
}

/** A liking or disliking; `verb` is already in the third person ("likes", "doesn't like", "喜欢", "讨厌"). */
export function preferenceFact(verb: string, object: string, lang: Lang): Fact {
  return {
    slot: `pref:${valueKey(object)}`,
    text: lang === 'en' ? `The user ${verb} ${object}` : `用户${verb}${object}`,
    kind: 'user_fact',
    importance: 3,
    probe: `The user likes ${object} 用户喜欢${object}`,
  };
}

export function favouriteFact(what: string, value: string, lang: Lang): Fact {
  return {
    slot: `fav:${valueKey(what)}`,
    text: lang === 'en' ? `The user's favourite ${what} is ${value}` : `用户最喜欢的${what}是${value}`,
    kind: 'user_fact',
    importance: 3,
    probe: `The user's favourite ${what} 用户最喜欢的${what}`,
  };
}

export function eventFact(what: string, lang: Lang): Fact {
  return {
    slot: `event:${valueKey(what)}`,
    text: lang === 'en' ? `The user recently ${what}` : `用户最近${what}`,
    kind: 'event',
    importance: 4,
    probe: `The user recently ${what} 用户最近${what}`,
  };
}

// The phrasings above, read back. Order matters where one phrasing is a prefix of another.
const STORED: Array<[RegExp, (m: RegExpMatchArray) => { slot: string; value: string }]> = [
  [/^The user's name is (.+)$/i, (m) => ({ slot: 'name', value: m[1]! })],
  [/^The user wants to be called (.+)$/i, (m) => ({ slot: 'nickname', value: m[1]! })],
  [/^The user lives in (.+)$/i, (m) => ({ slot: 'home', value: m[1]! })],
  [/^The user is from (.+)$/i, (m) => ({ slot: 'origin', value: m[1]! })],
  [/^The user works as (.+)$/i, (m) => ({ slot: 'job', value: m[1]! })],
  [/^The user works at (.+)$/i, (m) => ({ slot: 'workplace', value: m[1]! })],
  [/^The user is (\d{1,3}) years old$/i, (m) => ({ slot: 'age', value: m[1]! })],
  [/^The user's favou?rite (.+?) (?:is|are) (.+)$/i, (m) => ({ slot: `fav:${valueKey(m[1]!)}`, value: m[2]! })],
  [/^The user recently (.+)$/i, (m) => ({ slot: `event:${valueKey(m[1]!)}`, value: m[1]! })],
  [
    /^The user (?:likes|loves|enjoys|adores|doesn't like|does not like|doesn't enjoy|hates|dislikes|can't stand) (.+)$/i,
    (m) => ({ slot: `pref:${valueKey(m[1]!)}`, value: m[1]! }),
  ],
  [/^用户(?:叫|的名字是)(.+)$/, (m) => ({ slot: 'name', value: m[1]! })],
  [/^用户希望被称为(.+)$/, (m) => ({ slot: 'nickname', value: m[1]! })],
  [/^用户住在(.+)$/, (m) => ({ slot: 'home', value: m[1]! })],
  [/^用户来自(.+)$/, (m) => ({ slot: 'origin', value: m[1]! })],
  [/^用户是做(.+)的$/, (m) => ({ slot: 'job', value: m[1]! })],
  [/^用户在(.+)工作$/, (m) => ({ slot: 'workplace', value: m[1]! })],
  [/^用户今年(.+)岁$/, (m) => ({ slot: 'age', value: m[1]! })],
  [/^用户最喜欢的(.+?)是(.+)$/, (m) => ({ slot: `fav:${valueKey(m[1]!)}`, value: m[2]! })],
  [/^用户最近(.+)$/, (m) => ({ slot: `event:${valueKey(m[1]!)}`, value: m[1]! })],
  [/^用户(?:喜欢|爱|不喜欢|讨厌)(.+)$/, (m) => ({ slot: `pref:${valueKey(m[1]!)}`, value: m[1]! })],
];

/** The slot and value of a stored memory, when it is phrased the way this module phrases facts. */
export function slotOfMemory(text: string): { slot: string; value: string } | null {
  const t = text.trim().replace(/[.。]$/u, '');
  for (const [re, read] of STORED) {
    const m = t.match(re);
    if (m) return read(m);
  }
  return null;
}

/** Two memory texts that say the same thing, ignoring case, spacing and a final full stop. */
export function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().replace(/[.。]$/u, '').toLowerCase();
  return norm(a) === norm(b);
}
