import { describe, expect, it } from 'vitest';
import { planTurn } from '@/lib/chat/turn-plan';
import { buildTree } from '@/lib/chat/tree';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (s: number) => new Date(2026, 0, 1, 0, 0, s);
const nodes = [
  { id: id(1), parentId: null, createdAt: at(0), role: 'assistant' as const, kind: 'greeting', text: 'Hello!' },
  { id: id(2), parentId: id(1), createdAt: at(1), role: 'user' as const, kind: 'message', text: 'Hi' },
  { id: id(3), parentId: id(2), createdAt: at(2), role: 'assistant' as const, kind: 'message', text: 'How are you?' },
];
const tree = buildTree(nodes);
const chatId = id(99);

describe('planning a chat turn', () => {
  it('sends after the message the user is looking at, with the path so far as history', () => {
    const plan = planTurn(tree, { action: 'send', chatId, parentId: id(3), text: 'Fine' });
    expect(plan).toMatchObject({ userParentId: id(3), newUserText: 'Fine', replyParentId: null });
    expect(plan.history.map((n) => n.text)).toEqual(['Hello!', 'Hi', 'How are you?']);
  });

  it('regenerates a reply as a sibling under the same user message', () => {
    const plan = planTurn(tree, { action: 'regenerate', chatId, messageId: id(3) });
    expect(plan).toMatchObject({ userParentId: null, newUserText: null, replyParentId: id(2) });
    expect(plan.history.map((n) => n.text)).toEqual(['Hello!', 'Hi']);
  });

  it('edits a user message into a new branch from its parent', () => {
    const plan = planTurn(tree, { action: 'edit', chatId, messageId: id(2), text: 'Hey there' });
    expect(plan).toMatchObject({ userParentId: id(1), newUserText: 'Hey there' });
    expect(plan.history.map((n) => n.text)).toEqual(['Hello!']);
  });

  it('refuses unknown messages, greetings and wrong roles', () => {
    expect(() => planTurn(tree, { action: 'send', chatId, parentId: id(50), text: 'x' })).toThrow(/not found/);
    expect(() => planTurn(tree, { action: 'regenerate', chatId, messageId: id(1) })).toThrow(/greeting/);
    expect(() => planTurn(tree, { action: 'regenerate', chatId, messageId: id(2) })).toThrow(/not found/);
    expect(() => planTurn(tree, { action: 'edit', chatId, messageId: id(3), text: 'x' })).toThrow(/not found/);
    expect(() => planTurn(tree, { action: 'send', chatId, parentId: null, text: 'x' })).toThrow(/already has messages/);
  });

  it('starts an empty chat (a persona without a greeting) from the root', () => {
    const plan = planTurn(buildTree([]), { action: 'send', chatId, parentId: null, text: 'Hello?' });
    expect(plan).toMatchObject({ userParentId: null, newUserText: 'Hello?', history: [] });
  });
});
