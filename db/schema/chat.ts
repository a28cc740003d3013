import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { personas } from './personas';

export const messageRoleEnum = pgEnum('message_role', ['user', 'assistant']);
export const messageStatusEnum = pgEnum('message_status', [
  'streaming',
  'complete',
  'stopped',
  'interrupted',
  'error',
  'blocked',
]);

export const chats = pgTable(
  'chats',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id),
    title: text('title').notNull(),
    // The leaf of the branch the user last looked at, so a reload shows the same branch.
    activeLeafId: uuid('active_leaf_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('chats_user_updated_idx').on(t.userId, t.updatedAt.desc()).where(sql`${t.deletedAt} is null`)],
);

/**
 * Messages form a tree per chat: regenerating adds an assistant sibling (a "swipe"), editing a user message adds a
 * user sibling (a branch). Nothing is ever deleted by the app; the chat shows one path from a root to a leaf.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    chatId: uuid('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id'),
    role: messageRoleEnum('role').notNull(),
    text: text('text').notNull().default(''),
    status: messageStatusEnum('status').notNull().default('complete'),
    // Greetings open a chat; they come from the persona, not from a model call.
    kind: text('kind').notNull().default('message'),
    personaVersion: integer('persona_version'),
    modelId: text('model_id'),
    error: jsonb('error').$type<{ code: string; message: string } | null>(),
    // Set by Stop when the call runs on another instance; the generation sees it at its next progress write.
    stopRequested: boolean('stop_requested').notNull().default(false),
    usage: jsonb('usage').$type<{ inputTokens?: number; outputTokens?: number } | null>(),
    // Set when the chat's user asked to delete their data: the text is gone, the message stays in the tree.
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('messages_chat_created_idx').on(t.chatId, t.createdAt),
    index('messages_streaming_idx').on(t.status).where(sql`${t.status} = 'streaming'`),
  ],
);
