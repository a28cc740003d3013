import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { personas } from './personas';

/** Longest memory text, in characters; the same limit is enforced in lib/memory and by a CHECK here. */
export const MEMORY_TEXT_MAX = 500;

// Drizzle has no tsvector column type. The value is always written as to_tsvector('simple', <app-side tokens>),
// never parsed back, so the TypeScript side only ever sees it as an opaque string.
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const memoryKindEnum = pgEnum('memory_kind', ['user_fact', 'relationship', 'event']);
export const memoryChangeOpEnum = pgEnum('memory_change_op', ['add', 'update', 'delete', 'pin', 'unpin']);
export const memoryActorEnum = pgEnum('memory_actor', ['extractor', 'user']);

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/**
 * What a persona remembers about one user. Always read and written scoped to (persona_id, user_id).
 * Deleted rows stay as tombstones (deleted_at set) so that their history keeps pointing somewhere; a deletion the
 * user asks for also erases the text (it becomes '') and the text in the memory's history.
 */
export const memories = pgTable(
  'memories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // A persona is soft-deleted (its memories stay until the user forgets them); a hard delete takes them along.
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: memoryKindEnum('kind').notNull().default('user_fact'),
    text: text('text').notNull(),
    importance: smallint('importance').notNull().default(3),
    pinned: boolean('pinned').notNull().default(false),
    // Messages live on another branch (and may be deleted with their chat); memories outlive them, so no FK.
    sourceMessageIds: uuid('source_message_ids').array().notNull().default(sql`'{}'::uuid[]`),
    searchTokens: tsvector('search_tokens').notNull(),
    ...timestamps,
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    check('memories_text_length', sql`char_length(${t.text}) <= ${sql.raw(String(MEMORY_TEXT_MAX))}
      and (${t.deletedAt} is not null or char_length(${t.text}) > 0)`),
    check('memories_importance_range', sql`${t.importance} between 1 and 5`),
    // Full-text recall; the pair filter is applied on the (few) matching rows. No pending list (fastupdate off):
    // PGlite never vacuums, and every search would scan a pending list of up to 4 MB of recent inserts.
    index('memories_search_idx')
      .using('gin', t.searchTokens)
      .with({ fastupdate: false })
      .where(sql`${t.deletedAt} is null`),
    // Pinned memories and the list page (pinned first, newest first) in index order.
    index('memories_pair_list_idx')
      .on(t.personaId, t.userId, t.pinned, t.updatedAt, t.id)
      .where(sql`${t.deletedAt} is null`),
    // "The most important others" when nothing in the recent messages matches.
    index('memories_pair_importance_idx')
      .on(t.personaId, t.userId, t.pinned, t.importance, t.updatedAt)
      .where(sql`${t.deletedAt} is null`),
    // Cascading deletes of a user, and "forget everything" across tombstones.
    index('memories_user_persona_idx').on(t.userId, t.personaId),
  ],
);

/**
 * How many live memories of a pair hold each search token (document frequency), and under the term '' how many
 * live memories the pair has; kept exact by triggers on memories (custom migration memory_sql). Recall reads it
 * before searching, to choose for each word of the recent messages the cheaper way to find its matches.
 */
export const memoryTerms = pgTable(
  'memory_terms',
  {
    personaId: uuid('persona_id').notNull(),
    userId: uuid('user_id').notNull(),
    term: text('term').notNull(),
    df: integer('df').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personaId, t.userId, t.term] })],
);

/**
 * The history of every memory: who changed it (the extractor, with the message it read, or a user) and how.
 * The governance audit log (another branch) records the same events through the onChange hook in lib/memory.
 */
export const memoryChanges = pgTable(
  'memory_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memoryId: uuid('memory_id')
      .notNull()
      .references(() => memories.id, { onDelete: 'cascade' }),
    op: memoryChangeOpEnum('op').notNull(),
    beforeText: text('before_text'),
    afterText: text('after_text'),
    actor: memoryActorEnum('actor').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    sourceMessageId: uuid('source_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'memory_changes_actor',
      sql`(${t.actor} = 'extractor' and ${t.sourceMessageId} is not null) or ${t.actor} = 'user'`,
    ),
    index('memory_changes_memory_idx').on(t.memoryId, t.createdAt),
  ],
);

/**
 * Extractions that failed, to be tried again by retryFailedExtractions(). The user's text is kept so the job can
 * run without the chat; it goes when the job succeeds, when the user forgets the persona's memories, or when they
 * turn memory off. next_attempt_at is null once the job has given up.
 */
export const memoryExtractionJobs = pgTable(
  'memory_extraction_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    chatId: uuid('chat_id').notNull(),
    messageId: uuid('message_id').notNull(),
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userText: text('user_text').notNull(),
    attempts: integer('attempts').notNull().default(1),
    lastError: text('last_error').notNull(),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('memory_extraction_jobs_message_key').on(t.messageId),
    index('memory_extraction_jobs_due_idx').on(t.nextAttemptAt).where(sql`${t.nextAttemptAt} is not null`),
    index('memory_extraction_jobs_user_idx').on(t.userId, t.personaId),
  ],
);

/** A rolling summary of a chat's older messages, keyed by chat id (no FK: chats live on another branch). */
export const rollingSummaries = pgTable('rolling_summaries', {
  chatId: uuid('chat_id').primaryKey(),
  summary: text('summary').notNull(),
  // The last message the summary covers; later messages are still in the prompt verbatim.
  throughMessageId: uuid('through_message_id').notNull(),
  coveredCount: integer('covered_count').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
