import { describe, expect, it } from 'vitest';
import { slotOfMemory } from '@/lib/memory/facts';
import { extractOffline, readStatements } from '@/lib/memory/offline-extractor';
import type { CandidateMemory, MemoryOp } from '@/lib/memory/types';

const added = (text: string) => extractOffline(text, []).map((o) => (o.op === 'ADD' ? o.text : `${o.op}`));
const mem = (id: string, text: string): CandidateMemory => ({ id, text });

describe('offline extractor: clear statements become third-person memories', () => {
  it('reads English statements', () => {
    expect(added('My name is Ada and I live in Lisbon.')).toEqual(["The user's name is Ada", 'The user lives in Lisbon']);
    expect(added("Call me Addie, I'm from Porto. I work as a nurse")).toEqual([
      'The user wants to be called Addie',
      'The user is from Porto',
      'The user works as a nurse',
    ]);
    expect(added("I like jazz, I hate cilantro and I don't like cats.")).toEqual([
      'The user likes jazz',
      'The user hates cilantro',
      "The user doesn't like cats",
    ]);
    expect(added('my favourite colour is blue')).toEqual(["The user's favourite colour is blue"]);
    expect(added("I'm 34 years old")).toEqual(['The user is 34 years old']);
    expect(added('I love hiking in the mountains')).toEqual(['The user loves hiking in the mountains']);
  });

  it('reads Chinese statements, with or without punctuation between them', () => {
    expect(added('我叫艾达，我住在里斯本')).toEqual(['用户叫艾达', '用户住在里斯本']);
    expect(added('我叫艾达我住在里斯本。')).toEqual(['用户叫艾达', '用户住在里斯本']);
    expect(added('我的名字是艾达')).toEqual(['用户叫艾达']);
    expect(added('我喜欢喝咖啡。我不喜欢狗！我讨厌香菜')).toEqual(['用户喜欢喝咖啡', '用户不喜欢狗', '用户讨厌香菜']);
    expect(added('我是做设计的')).toEqual(['用户是做设计的']);
    expect(added('我是从上海来的')).toEqual(['用户来自上海']);
    expect(added('我最喜欢的颜色是蓝色')).toEqual(['用户最喜欢的颜色是蓝色']);
  });

  it('gives each kind of fact its kind and importance', () => {
    const ops = extractOffline('My name is Ada. Call me Addie. I just got married', []) as Array<MemoryOp & { op: 'ADD' }>;
    expect(ops.map((o) => [o.text, o.kind, o.importance])).toEqual([
      ["The user's name is Ada", 'user_fact', 5],
      ['The user wants to be called Addie', 'relationship', 4],
      ['The user recently got married', 'event', 4],
    ]);
  });

  it('ignores questions, hypotheticals, pronouns and things that only look like statements', () => {
    for (const text of [
      'Where do I live?',
      '我住在哪里？',
      '我叫什么名字？',
      'Do you think I like jazz?',
      'If I lived in Paris I would be happy',
      'I love you',
      'please call me tomorrow',
      "I'd like a coffee",
      'The weather is nice today',
    ]) {
      expect(extractOffline(text, []), text).toEqual([]);
    }
  });

  it('does not store a fact about someone else as the user’s (skips it)', () => {
    for (const text of ['My sister lives in Paris', 'My friend likes jazz', '我妹妹住在巴黎', '我妹妹说我住在巴黎', 'my mom is called Eve']) {
      expect(extractOffline(text, []), text).toEqual([]);
    }
  });
});

describe('offline extractor: operations against existing memories', () => {
  const existing = [
    mem('home', 'The user lives in Lisbon'),
    mem('jazz', 'The user likes jazz'),
    mem('name', '用户叫艾达'),
    mem('cats', 'The user likes cats'),
    mem('free', 'The user once sailed to the Azores'),
  ];

  it('updates a changed fact in place', () => {
    expect(extractOffline('I live in Porto', existing)).toEqual([
      { op: 'UPDATE', id: 'home', text: 'The user lives in Porto', kind: 'user_fact', importance: 4 },
    ]);
    expect(extractOffline('I moved to Porto', existing)).toMatchObject([{ op: 'UPDATE', id: 'home' }]);
    expect(extractOffline('我叫贝拉', existing)).toMatchObject([{ op: 'UPDATE', id: 'name', text: '用户叫贝拉' }]);
    // A changed taste is a change of the same fact, not a second one.
    expect(extractOffline("I don't like cats", existing)).toMatchObject([
      { op: 'UPDATE', id: 'cats', text: "The user doesn't like cats" },
    ]);
  });

  it('updates across languages: a home stated in Chinese replaces one stated in English', () => {
    expect(extractOffline('我住在波尔图', existing)).toMatchObject([{ op: 'UPDATE', id: 'home', text: '用户住在波尔图' }]);
  });

  it('adds nothing for a repeated fact (NONE, naming the memory that says it)', () => {
    expect(extractOffline('I live in Lisbon', existing)).toEqual([{ op: 'NONE', id: 'home' }]);
    expect(extractOffline('I like jazz!', existing)).toEqual([{ op: 'NONE', id: 'jazz' }]);
    expect(extractOffline('我叫艾达', existing)).toEqual([{ op: 'NONE', id: 'name' }]);
  });

  it('deletes a fact the user says no longer holds', () => {
    expect(extractOffline('I no longer like jazz', existing)).toEqual([{ op: 'DELETE', id: 'jazz' }]);
    expect(extractOffline("I don't like cats anymore", existing)).toEqual([{ op: 'DELETE', id: 'cats' }]);
    expect(extractOffline("I don't live in Lisbon anymore", existing)).toEqual([{ op: 'DELETE', id: 'home' }]);
    expect(extractOffline('我不再喜欢爵士乐了', [mem('zh', '用户喜欢爵士乐')])).toEqual([{ op: 'DELETE', id: 'zh' }]);
  });

  it('deletes nothing when the fact that no longer holds is not the one remembered', () => {
    expect(extractOffline("I don't live in Paris anymore", existing)).toEqual([{ op: 'NONE' }]);
    expect(extractOffline('I no longer like opera', existing)).toEqual([{ op: 'NONE' }]);
  });

  it('adds a new fact next to unrelated ones, and lets the last statement of a slot win', () => {
    expect(extractOffline('I like opera', existing)).toMatchObject([{ op: 'ADD', text: 'The user likes opera' }]);
    expect(extractOffline('I live in Porto. Actually, I live in Braga', [])).toMatchObject([
      { op: 'ADD', text: 'The user lives in Braga' },
    ]);
  });

  it('reads back its own phrasings to find the slot of a stored memory', () => {
    expect(slotOfMemory('The user lives in Lisbon.')).toEqual({ slot: 'home', value: 'Lisbon' });
    expect(slotOfMemory('用户最喜欢的颜色是蓝色')).toEqual({ slot: 'fav:颜色', value: '蓝色' });
    expect(slotOfMemory("The user's favourite colour is blue")?.slot).toBe(slotOfMemory("The user's favorite color is red")?.slot);
    expect(slotOfMemory('The user once sailed to the Azores')).toBeNull();
  });

  it('keeps the statements it read in order', () => {
    expect(readStatements('I like tea. I no longer like coffee').map((s) => ('fact' in s ? s.fact.slot : `-${s.removeSlot}`))).toEqual([
      'pref:tea',
      '-pref:coffe',
    ]);
  });
});
