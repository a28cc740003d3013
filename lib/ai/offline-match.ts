/**
 * Word-overlap relevance for the offline model: does the user's message touch a remembered fact or lorebook entry?
 * English: lower-cased words minus stop words, lightly stemmed ("lives", "living", "lived" → "liv").
 * Chinese has no spaces, so Han text counts overlapping character pairs (住在) and single characters, minus
 * particles and question words (我, 的, 哪, 什么 …). Only as clever as a deterministic test double needs to be.
 */
const EN_STOP = new Set(
  (
    'a an the and or but if of to in on at by for with from as into about than then so not no yes ' +
    'i me my mine myself you your yours yourself we us our he him his she her they them their it its ' +
    'is am are was were be been being do does did done have has had having will would can could should shall may might must ' +
    'what where when who whom whose which why how that this these those there here ' +
    'tell know remember recall say said please again just really very still also any some all ' +
    'user users'
  ).split(' '),
);
const ZH_STOP = new Set([...'我你您他她它们的地得了吗呢吧啊呀哦嘛是在有和跟与就都也还又这那哪里么什怎谁几个不没别要会能可以请告诉知道记得说一吗？。，！、']);

function stem(word: string): string {
  let w = word.replace(/'s$/, '');
  if (w.length > 4) w = w.replace(/(ing|ed|es|s)$/, '');
  if (w.length > 3) w = w.replace(/e$/, '');
  return w;
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

export function terms(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []) {
    if (HAN.test(word)) continue;
    if (!EN_STOP.has(word) && word.length > 1) out.add(`w:${stem(word)}`);
  }
  for (const run of text.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu) ?? []) {
    const chars = [...run];
    chars.forEach((ch, i) => {
      if (!ZH_STOP.has(ch)) out.add(`u:${ch}`);
      const next = chars[i + 1];
      if (next && !(ZH_STOP.has(ch) && ZH_STOP.has(next))) out.add(`b:${ch}${next}`);
    });
  }
  return out;
}

/** Shared terms, weighted: an English word or a Han pair counts 2, a single Han character 1. */
export function relevance(query: Set<string>, candidate: string): number {
  let score = 0;
  for (const t of terms(candidate)) if (query.has(t)) score += t.startsWith('u:') ? 1 : 2;
  return score;
}

/** The most relevant item scoring at least `threshold` (the earlier item wins a tie), or null. */
export function bestMatch(query: string, items: string[], threshold: number, ignore: string[] = []): string | null {
  const strip = (s: string) => ignore.filter(Boolean).reduce((acc, word) => acc.split(word).join(' '), s);
  const q = terms(strip(query));
  let best: { item: string; score: number } | null = null;
  for (const item of items) {
    const score = relevance(q, strip(item));
    if (score >= threshold && (!best || score > best.score)) best = { item, score };
  }
  return best?.item ?? null;
}
