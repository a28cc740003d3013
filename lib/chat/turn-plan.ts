import { DomainError, notFound } from '@/lib/errors';
import type { ChatTurnBody } from './schemas';
import { pathTo, type Tree } from './tree';

type PlanNode = { id: string; parentId: string | null; createdAt: Date; role: 'user' | 'assistant'; kind: string; text: string };

/** Where a turn attaches in the tree, and which user text (new or existing) the reply answers. */
export type TurnPlan = {
  /** Parent of the new user message, or null when no user message is added (regenerate). */
  userParentId: string | null;
  /** Text of the new user message; null when the reply answers an existing one. */
  newUserText: string | null;
  /** For regenerate: the user message the new reply is a sibling under. */
  replyParentId: string | null;
  /** The conversation before the new reply (without the new user message). */
  history: PlanNode[];
};

export function planTurn<T extends PlanNode>(tree: Tree<T>, body: ChatTurnBody): TurnPlan {
  switch (body.action) {
    case 'send': {
      if (body.parentId !== null && !tree.byId.has(body.parentId)) throw notFound('Message');
      // A chat that has messages continues from one of them; a second root would strand the greeting.
      if (body.parentId === null && (tree.children.get(null)?.length ?? 0) > 0) {
        throw new DomainError('conflict', 'parentId: the chat already has messages', { parentId: 'required' });
      }
      const history = body.parentId ? pathTo(tree, body.parentId) : [];
      return { userParentId: body.parentId, newUserText: body.text, replyParentId: null, history };
    }
    case 'regenerate': {
      const target = tree.byId.get(body.messageId);
      if (!target || target.role !== 'assistant') throw notFound('Message');
      if (target.kind === 'greeting' || !target.parentId) {
        throw new DomainError('conflict', 'messageId: a greeting cannot be regenerated', { messageId: 'not_regenerable' });
      }
      return { userParentId: null, newUserText: null, replyParentId: target.parentId, history: pathTo(tree, target.parentId) };
    }
    case 'edit': {
      const target = tree.byId.get(body.messageId);
      if (!target || target.role !== 'user') throw notFound('Message');
      const history = target.parentId ? pathTo(tree, target.parentId) : [];
      return { userParentId: target.parentId, newUserText: body.text, replyParentId: null, history };
    }
  }
}
