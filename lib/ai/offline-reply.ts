import { bestMatch } from './offline-match';
import { readField, readList, readSection } from './prompt-format';
import { detectLanguage, type Language } from './tokens';

/** What the offline model reads from its prompt (see lib/ai/prompt-format.ts for the section format). */
export type OfflinePromptView = {
  system: string;
  /** The text of the latest user message ('' when there is none). */
  lastUserText: string;
};

type Voice = 'cheerful' | 'grumpy' | 'formal' | 'neutral';

const VOICE_WORDS: Record<Exclude<Voice, 'neutral'>, RegExp> = {
  grumpy: /grump|sarcas|cynic|gruff|cold|rude|blunt|tsundere|傲娇|毒舌|冷淡|暴躁|高冷/i,
  formal: /formal|polite|butler|dignified|professional|courteous|knight|礼貌|正式|管家|严肃|优雅/i,
  cheerful: /cheer|bubbly|happy|energetic|friendly|warm|playful|kind|sunny|开朗|活泼|热情|温柔|可爱|阳光/i,
};

const ACTIONS: Record<Language, Record<Voice, string[]>> = {
  en: {
    cheerful: ['smiles brightly', 'beams', 'laughs softly'],
    grumpy: ['crosses their arms', 'sighs', 'rolls their eyes'],
    formal: ['bows slightly', 'inclines their head', 'folds their hands'],
    neutral: ['nods', 'tilts their head', 'leans in'],
  },
  zh: {
    cheerful: ['露出灿烂的笑容', '开心地笑了', '眼睛一亮'],
    grumpy: ['抱起双臂', '叹了口气', '翻了个白眼'],
    formal: ['微微欠身', '点头致意', '双手交叠'],
    neutral: ['点了点头', '歪了歪头', '凑近了些'],
  },
};

const CLOSINGS: Record<Language, Record<Voice, string>> = {
  en: {
    cheerful: "Tell me more, I'd love to hear it!",
    grumpy: 'Anything else, or are we done?',
    formal: 'How else may I be of service?',
    neutral: 'What else is on your mind?',
  },
  zh: {
    cheerful: '再多跟我说说吧！',
    grumpy: '还有别的事吗？',
    formal: '还有什么需要我效劳的吗？',
    neutral: '你还想聊些什么？',
  },
};

const GREETING = /^\s*(hi|hello|hey|good (morning|afternoon|evening)|你好|您好|嗨|哈喽|早上好|晚上好)(?![a-z])/i;

function voiceOf(character: string | null): Voice {
  const traits = `${readField(character, 'Personality')}\n${readField(character, 'Description')}`;
  for (const voice of ['grumpy', 'formal', 'cheerful'] as const) if (VOICE_WORDS[voice].test(traits)) return voice;
  return 'neutral';
}

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return h;
}

/**
 * The deterministic reply: an action line in the persona's voice, then the remembered fact or lorebook entry the
 * user's message touches (or an answer to a greeting, or an echo of what they said), then a closing in that voice.
 * `variant` (e.g. the call's seed) picks another wording for the same prompt, so regenerating can differ.
 */
export function composeOfflineReply(view: OfflinePromptView, variant = 0): { text: string; language: Language } {
  const character = readSection(view.system, 'character');
  const name = readField(character, 'Name') || 'Assistant';
  const userName = readField(readSection(view.system, 'user'), 'Name');
  const language = detectLanguage(view.lastUserText);
  const voice = voiceOf(character);
  const actions = ACTIONS[language][voice];
  const action = actions[(hash(view.lastUserText) + variant) % actions.length]!;

  const ignore = ['the user', 'The user', '用户', userName];
  const fact = bestMatch(view.lastUserText, readList(view.system, 'memories'), 1, ignore);
  const lore = fact ? null : bestMatch(view.lastUserText, readList(view.system, 'lorebook'), 2, ignore);

  const en = language === 'en';
  const lines = [en ? `*${name} ${action}.*` : `*${name}${action}。*`];
  if (fact) {
    const said = en ? secondPersonEn(fact, userName) : secondPersonZh(fact, userName);
    lines.push(en ? `I remember that ${said}.` : `我记得，${said}。`);
  } else if (lore) {
    lines.push(en ? `Here is what I know: ${excerpt(lore)}` : `据我所知：${excerpt(lore)}`);
  } else if (!view.lastUserText.trim() || GREETING.test(view.lastUserText)) {
    const who = userName ? (en ? `, ${userName}` : `，${userName}`) : '';
    lines.push(en ? `Hello${who}! I'm ${name}.` : `你好${who}！我是${name}。`);
  } else {
    const quote = excerpt(view.lastUserText.replace(/\s+/g, ' ').trim(), 80);
    lines.push(en ? `I'm ${name}. You said: “${quote}”.` : `我是${name}。你说：“${quote}”。`);
  }
  lines.push(CLOSINGS[language][voice]);
  return { text: lines.join(en ? ' ' : ''), language };
}

/** At most `max` characters, cut at a sentence end (or a word) when the text is longer. */
function excerpt(text: string, max = 240): string {
  const chars = [...text.trim()];
  if (chars.length <= max) return text.trim();
  const head = chars.slice(0, max).join('');
  const sentence = head.match(/^[\s\S]*[.!?。！？]/u)?.[0];
  if (sentence && sentence.length > max / 3) return sentence;
  return `${head.replace(/\s+\S*$/, '')}…`;
}

const THIRD_TO_SECOND: Record<string, string> = {
  is: 'are', was: 'were', has: 'have', does: 'do', "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't",
  "doesn't": "don't",
};

function unconjugate(verb: string): string {
  const lower = verb.toLowerCase();
  if (THIRD_TO_SECOND[lower]) return THIRD_TO_SECOND[lower];
  if (/[^aeiou]ies$/.test(lower)) return lower.slice(0, -3) + 'y';
  if (/(ss|sh|ch|x|z|o)es$/.test(lower)) return lower.slice(0, -2);
  if (/[^su]s$/.test(lower)) return lower.slice(0, -1);
  return verb;
}

/** "The user lives in Lisbon" → "you live in Lisbon"; "Ada's cat is Mochi" → "your cat is Mochi". */
export function secondPersonEn(fact: string, userName = ''): string {
  const text = fact.trim().replace(/[.!。]+$/, '');
  const name = userName ? `|${userName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` : '';
  const subject = new RegExp(`^(?:the user|user${name})('s)?\\s+(?:(also|still|really|often|usually|never|always)\\s+)?(\\S+)`, 'i');
  const m = text.match(subject);
  if (m) {
    const [, possessive, adverb, word] = m;
    const rest = text.slice(m[0].length);
    if (possessive) return `your ${adverb ? `${adverb} ` : ''}${word}${rest}`;
    return `you ${adverb ? `${adverb} ` : ''}${unconjugate(word!)}${rest}`;
  }
  const firstPerson = text.replace(/^I'm\b/, "you're").replace(/^I am\b/, 'you are').replace(/^I\b/, 'you').replace(/^My\b/, 'your');
  if (firstPerson !== text) return firstPerson.replace(/\bmy\b/g, 'your');
  return text.replace(/\bthe user's\b/gi, 'your').replace(/\bthe user\b/gi, 'you');
}

/** "用户住在里斯本" → "你住在里斯本"; "我喜欢猫" → "你喜欢猫". */
export function secondPersonZh(fact: string, userName = ''): string {
  let text = fact.trim().replace(/[。.！!]+$/, '');
  text = text.split('用户').join('你');
  if (userName) text = text.split(userName).join('你');
  return text.replace(/^我/, '你');
}
