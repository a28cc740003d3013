import {
  eventFact,
  favouriteFact,
  preferenceFact,
  sameText,
  slotFact,
  slotOfMemory,
  valueKey,
  type Fact,
} from './facts';
import type { CandidateMemory, MemoryOp } from './types';

/**
 * The extractor used with the offline model: deterministic, for clear first-person statements in English and
 * Chinese. It returns the same operations as the model extractor, against the same candidates.
 *
 * Statements about someone else ("my sister lives in Paris", "我妹妹住在巴黎") are skipped, not stored: a pattern
 * cannot tell reliably whose fact a clause states ("my friend says I live in…"), and a fact pinned on the wrong
 * person is worse than one missed. Only clauses that start with the user speaking of themself are read; questions
 * are never read as statements.
 */

/** A statement read from the user's message: a fact to hold, or one that no longer holds. */
export type Statement = { fact: Fact } | { removeSlot: string; value?: string; probe: string };

type Rule = [RegExp, (m: RegExpMatchArray) => Statement | null];

const EN_LEAD = String.raw`^(?:(?:and|so|but|also|actually|well|oh|btw|by the way|hi|hello|hey|ok|okay)[,\s]+)*`;
const en = (body: string) => new RegExp(EN_LEAD + body + '$', 'iu');
const ZH_LEAD = '^(?:嗯|哦|对了|其实|另外|还有|而且|顺便说一下|顺便说一句)?[，,\\s]*';
const zh = (body: string) => new RegExp(ZH_LEAD + body + '$', 'u');

const EN_PRONOUNS = /^(?:it|that|this|them|you|him|her|those|these|one|some|any|to)$/i;
const ZH_PRONOUNS = /^(?:你|他|她|它|这|那|这个|那个|这些|那些|你们|他们)$/u;

function enValue(raw: string | undefined, maxWords = 8): string | null {
  if (!raw) return null;
  const v = raw
    .replace(/\s+(?:because|since|but|although|though|which|who|when|so that)\b.*$/iu, '')
    .replace(/(?:\s+(?:now|too|anymore|any more|as well|a lot|very much|so much|these days))+$/iu, '')
    .replace(/[\s.,!;:]+$/u, '')
    .trim();
  if (!v || v.length > 80 || v.split(/\s+/).length > maxWords) return null;
  if (/^(?:not|no|never)\b/i.test(v) || EN_PRONOUNS.test(v)) return null;
  return v;
}

function zhValue(raw: string | undefined): string | null {
  if (!raw) return null;
  const v = raw.replace(/[了啦呢哦呀吧啊嘛]+$/u, '').trim();
  if (!v || v.length > 40 || ZH_PRONOUNS.test(v)) return null;
  if (/什么|哪|谁|吗|怎么|多少|几/u.test(v)) return null;
  return v;
}

const fact = (f: Fact | null): Statement | null => (f ? { fact: f } : null);
// "Call me tomorrow" is not a nickname; "我叫了外卖" is not a name.
const NOT_A_NAME_EN = /^(?:tomorrow|later|back|soon|now|tonight|anytime|whenever|if|when|after|before|again)\b/i;
const NOT_A_NAME_ZH = /^[了过着]/u;

type SlotName = Parameters<typeof slotFact>[0];
const enSlot = (slot: SlotName, raw: string | undefined, maxWords?: number): Statement | null => {
  const v = enValue(raw, maxWords);
  if (!v || ((slot === 'name' || slot === 'nickname') && NOT_A_NAME_EN.test(v))) return null;
  return { fact: slotFact(slot, v, 'en') };
};
const zhSlot = (slot: SlotName, raw: string | undefined): Statement | null => {
  const v = zhValue(raw);
  if (!v || ((slot === 'name' || slot === 'nickname') && (NOT_A_NAME_ZH.test(v) || v.length > 8))) return null;
  return { fact: slotFact(slot, v, 'zh') };
};

const EN_LIKES: Record<string, string> = { like: 'likes', love: 'loves', enjoy: 'enjoys', adore: 'adores' };
const EN_DISLIKES: Record<string, string> = { hate: 'hates', dislike: 'dislikes', "can't stand": "can't stand" };

// Order matters: removals before the plain statements they contain ("I don't like X anymore" ⊃ "I don't like X").
const EN_RULES: Rule[] = [
  [en(String.raw`i (?:no longer|don't|do not) (?:like|love|enjoy) (.+?) (?:anymore|any more)`), (m) => pref(m[1])],
  [en(String.raw`i (?:no longer|(?:have )?stopped) (?:like|love|enjoy|liking|loving|enjoying) (.+)`), (m) => pref(m[1])],
  [en(String.raw`i (?:no longer|don't|do not) live in (.+?)(?: anymore| any more)?`), (m) => place(m[1])],
  [en(String.raw`my name(?: is|'s) (.+)`), (m) => enSlot('name', m[1], 4)],
  [en(String.raw`i(?:'m| am) called (.+)`), (m) => enSlot('name', m[1], 4)],
  [en(String.raw`(?:please |you can )?call me (.+)`), (m) => enSlot('nickname', m[1], 4)],
  [en(String.raw`i(?: now| currently)? live in (.+)`), (m) => enSlot('home', m[1], 6)],
  [en(String.raw`i(?:'m| am) (?:now )?living in (.+)`), (m) => enSlot('home', m[1], 6)],
  [en(String.raw`i(?:'ve| have)? (?:just |recently )?moved to (.+)`), (m) => enSlot('home', m[1], 6)],
  [en(String.raw`i(?:'m| am) (?:originally )?from (.+)`), (m) => enSlot('origin', m[1], 6)],
  [en(String.raw`i (?:originally )?come from (.+)`), (m) => enSlot('origin', m[1], 6)],
  [en(String.raw`i (?:work|am working|'m working) as (.+)`), (m) => enSlot('job', m[1], 6)],
  [en(String.raw`my job is (.+)`), (m) => enSlot('job', m[1], 6)],
  [en(String.raw`i work (?:at|for) (.+)`), (m) => enSlot('workplace', m[1], 6)],
  [en(String.raw`i(?:'m| am) (\d{1,3})(?: years old| years of age|yo)?`), (m) => enSlot('age', m[1])],
  [en(String.raw`my favou?rite (\S+(?: \S+)?) (?:is|are) (.+)`), (m) => favourite(m[1], m[2], 'en')],
  [
    en(String.raw`i (?:just |recently )?(got married|got engaged|graduated(?: from .+)?|had a baby|got a new job|started a new job|lost my job|retired)`),
    (m) => fact(eventFact(m[1]!.toLowerCase(), 'en')),
  ],
  [
    en(String.raw`i (?:really |also )?(?:don't|do not) (like|enjoy) (.+)`),
    (m) => preference(`doesn't ${m[1]!.toLowerCase()}`, m[2], 'en'),
  ],
  [
    en(String.raw`i (?:really |also |do |just )?(hate|dislike|can't stand) (.+)`),
    (m) => preference(EN_DISLIKES[m[1]!.toLowerCase()]!, m[2], 'en'),
  ],
  [
    en(String.raw`i (?:really |also |do |just |absolutely )?(like|love|enjoy|adore) (.+)`),
    (m) => preference(EN_LIKES[m[1]!.toLowerCase()]!, m[2], 'en'),
  ],
];

const ZH_RULES: Rule[] = [
  [zh('我(?:不再|已经不|现在不)(?:喜欢|爱)(.+?)(?:了)?'), (m) => pref(m[1], zhValue)],
  [zh('我不(?:喜欢|爱)(.+?)了'), (m) => pref(m[1], zhValue)],
  [zh('我(?:不再|已经不|现在不)住在(.+?)(?:了)?'), (m) => place(m[1], zhValue)],
  [zh('我不住在(.+?)了'), (m) => place(m[1], zhValue)],
  [zh('我(?:叫|名叫)(.+)'), (m) => zhSlot('name', m[1])],
  [zh('我的名字(?:是|叫)(.+)'), (m) => zhSlot('name', m[1])],
  [zh('(?:你可以|请)?叫我(.+)'), (m) => zhSlot('nickname', m[1])],
  [zh('我(?:现在)?住在(.+)'), (m) => zhSlot('home', m[1])],
  [zh('我(?:已经|刚)?搬到了?(.+?)(?:住)?'), (m) => zhSlot('home', m[1])],
  [zh('我(?:来自|是从)(.+?)(?:来的)?'), (m) => zhSlot('origin', m[1])],
  [zh('我是做(.+)的'), (m) => zhSlot('job', m[1])],
  [zh('我的工作是(.+)'), (m) => zhSlot('job', m[1])],
  [zh('我在(.+)工作'), (m) => zhSlot('workplace', m[1])],
  [zh('我今年(\\d{1,3}|[一二三四五六七八九十]{1,4})岁'), (m) => zhSlot('age', m[1])],
  [zh('我最喜欢的(.{1,8}?)是(.+)'), (m) => favourite(m[1], m[2], 'zh')],
  [
    zh('我(?:刚|刚刚|最近)(结婚|订婚|毕业|退休|换了工作|找到了新工作|失业)了?'),
    (m) => fact(eventFact(m[1]!, 'zh')),
  ],
  [zh('我(?:真的|也|很|非常|特别)?(不喜欢|讨厌)(.+)'), (m) => preference(m[1]!, m[2], 'zh')],
  [zh('我(?:真的|也|很|非常|特别)?(喜欢|爱)(.+)'), (m) => preference(m[1]!, m[2], 'zh')],
];

function preference(verb: string, raw: string | undefined, lang: 'en' | 'zh'): Statement | null {
  const v = lang === 'en' ? enValue(raw) : zhValue(raw);
  return v ? { fact: preferenceFact(verb, v, lang) } : null;
}

function favourite(what: string | undefined, raw: string | undefined, lang: 'en' | 'zh'): Statement | null {
  const v = lang === 'en' ? enValue(raw, 6) : zhValue(raw);
  return what && v ? { fact: favouriteFact(what.toLowerCase(), v, lang) } : null;
}

function pref(raw: string | undefined, clean: (s: string | undefined) => string | null = enValue): Statement | null {
  const v = clean(raw);
  return v ? { removeSlot: `pref:${valueKey(v)}`, probe: preferenceFact('likes', v, 'en').probe } : null;
}

function place(raw: string | undefined, clean: (s: string | undefined) => string | null = enValue): Statement | null {
  const v = clean(raw);
  return v ? { removeSlot: 'home', value: v, probe: slotFact('home', v, 'en').probe } : null;
}

/** The message cut into clauses that can each hold one statement; a clause ending in "?" is a question. */
export function clausesOf(text: string): Array<{ text: string; question: boolean }> {
  const out: Array<{ text: string; question: boolean }> = [];
  const sentences = text.split(/(?<=[.!?;](?=\s|$)|[。！？；\n])/u);
  for (const sentence of sentences) {
    const question = /[?？]\s*$/u.test(sentence);
    const parts = sentence
      // English: a comma or "and/but/so" starts a new clause only when the user goes on about themself.
      .split(/(?:\s*,\s*(?:and\s+|but\s+|so\s+)?|\s+(?:and|but|so)\s+)(?=(?:i|i'm|i’m|i've|my|call me|please call)\b)/iu)
      // Chinese: a comma, or a new "我…" statement run straight on ("我叫艾达我住在里斯本"), but not reported
      // speech ("她说我住在…").
      .flatMap((p) => p.split(/，|(?<=\p{Script=Han}),|(?<=\S)(?<![说得为想信道知])(?=我(?:叫|住|喜欢|不喜欢|讨厌|爱|来自|是|的名字|今年|在|不再|最喜欢|现在|已经|搬|刚))/u));
    for (const p of parts) {
      const clause = p.replace(/[.!?;。！？；\s]+$/u, '').replace(/’/g, "'").trim();
      if (clause) out.push({ text: clause, question });
    }
  }
  return out;
}

/** Every statement the message makes, in order. */
export function readStatements(text: string): Statement[] {
  const out: Statement[] = [];
  for (const clause of clausesOf(text)) {
    if (clause.question) continue;
    const rules = /\p{Script=Han}/u.test(clause.text.slice(0, 3)) ? ZH_RULES : EN_RULES;
    for (const [re, read] of rules) {
      const m = clause.text.match(re);
      if (!m) continue;
      const s = read(m);
      if (s) out.push(s);
      break;
    }
  }
  return out;
}

/**
 * The operations that bring the candidates in line with the statements: a fact whose slot a candidate already
 * fills updates it (or is NONE when it says the same), a removal deletes it, anything else is added.
 * When one message states a slot twice, the last statement wins.
 */
export function planOperations(statements: Statement[], candidates: CandidateMemory[]): MemoryOp[] {
  const bySlot = new Map<string, { memory: CandidateMemory; value: string }>();
  for (const c of candidates) {
    const s = slotOfMemory(c.text);
    if (s && !bySlot.has(s.slot)) bySlot.set(s.slot, { memory: c, value: s.value });
  }
  const lastBySlot = new Map<string, Statement>();
  for (const s of statements) lastBySlot.set('fact' in s ? s.fact.slot : s.removeSlot, s);

  const ops: MemoryOp[] = [];
  for (const [slot, s] of lastBySlot) {
    const existing = bySlot.get(slot);
    if (!('fact' in s)) {
      const matches = existing && (s.value === undefined || valueKey(s.value) === valueKey(existing.value));
      ops.push(matches ? { op: 'DELETE', id: existing.memory.id } : { op: 'NONE' });
      continue;
    }
    const { fact: f } = s;
    if (existing) {
      ops.push(
        sameText(existing.memory.text, f.text)
          ? { op: 'NONE', id: existing.memory.id }
          : { op: 'UPDATE', id: existing.memory.id, text: f.text, kind: f.kind, importance: f.importance },
      );
      continue;
    }
    const repeat = candidates.find((c) => sameText(c.text, f.text));
    ops.push(repeat ? { op: 'NONE', id: repeat.id } : { op: 'ADD', text: f.text, kind: f.kind, importance: f.importance });
  }
  return ops;
}

/** The text that finds the candidates these statements may touch (see Fact.probe). */
export function probeText(statements: Statement[]): string {
  return statements.map((s) => ('fact' in s ? s.fact.probe : s.probe)).join(' ');
}

/** Read and plan in one step, for callers that already hold the candidates. */
export function extractOffline(userText: string, candidates: CandidateMemory[]): MemoryOp[] {
  return planOperations(readStatements(userText), candidates);
}
