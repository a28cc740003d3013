import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';

/*
 * The audit chain. A record is written as two values: `envelope` (the canonical JSON, RFC 8785, of the record —
 * exactly the bytes the chain hashes) and `hash`. A BEFORE INSERT trigger (migration governance_sql) fills every
 * other column from the envelope, parsing it once, so what the review pages filter on is what the hash covers; and
 * UPDATE, DELETE and TRUNCATE are refused. (Generated columns would say the same, but PostgreSQL re-parses the
 * JSON for each of them: five times slower appends.) Persona, owner and chat ids are plain uuids on purpose:
 * records outlive the rows they describe, and an append-only table cannot follow an ON DELETE.
 */

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const generationEnd = sql`kind = 'generation.end'`;

export const auditRecords = pgTable(
  'audit_records',
  {
    envelope: text('envelope').notNull(),
    hash: text('hash').notNull(),
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    time: timestamp('time', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    personaId: uuid('persona_id'),
    personaVersion: integer('persona_version'),
    ownerId: uuid('owner_id'),
    chatId: uuid('chat_id'),
    messageId: uuid('message_id'),
    modelProvider: text('model_provider'),
    modelId: text('model_id'),
    inputTokens: integer('input_tokens'),
    outputTokens: integer('output_tokens'),
    cost: numeric('cost', { precision: 18, scale: 8 }),
    ttftMs: integer('ttft_ms'),
    totalMs: integer('total_ms'),
    finish: text('finish'),
    // The strongest policy action over the call (allow | flag | redact | block); the full verdicts stay in the envelope.
    verdict: text('verdict'),
    policyVersion: text('policy_version'),
    requestId: text('request_id'),
    completesSeq: bigint('completes_seq', { mode: 'number' }),
    contentHash: text('content_hash'),
    prevHash: text('prev_hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_records_id_key').on(t.id),
    // One completion per call: a late completion and the start-up sweep cannot both close the same start.
    uniqueIndex('audit_records_completes_key').on(t.completesSeq),
    index('audit_records_kind_idx').on(t.kind, t.seq),
    // The review list shows generation.end records (they carry every filter column); one index per filter,
    // each ending in seq so that "newest first, after cursor" is an index range.
    index('audit_list_seq_idx').on(t.seq).where(generationEnd),
    index('audit_list_persona_idx').on(t.personaId, t.personaVersion, t.seq).where(generationEnd),
    index('audit_list_owner_idx').on(t.ownerId, t.seq).where(generationEnd),
    // Not partial: "delete my data" finds a user's start records through it too.
    index('audit_records_actor_idx').on(t.actorId, t.seq),
    index('audit_list_model_idx').on(t.modelId, t.seq).where(generationEnd),
    index('audit_list_verdict_idx').on(t.verdict, t.seq).where(sql`kind = 'generation.end' and verdict <> 'allow'`),
    index('audit_list_time_idx').on(t.time, t.seq).where(generationEnd),
    // The cost dashboard sums a time range of calls from this index alone (an index-only scan: at 1M records a
    // month's 167k calls are read from ~1,900 index pages instead of ~20,000+ heap pages of wide rows).
    index('audit_costs_idx')
      .on(t.time, t.personaId, t.modelId, t.actorId, t.inputTokens, t.outputTokens, t.cost)
      .where(generationEnd),
    index('audit_records_chat_idx').on(t.chatId, t.seq),
  ],
);

// What the content hashes cover. Erasable (retention, "delete my data"): erasing nulls the text and sets
// erased_at; nothing else may change (trigger), and audit_records is never touched.
export const auditContents = pgTable(
  'audit_contents',
  {
    seq: bigint('seq', { mode: 'number' })
      .primaryKey()
      .references(() => auditRecords.seq),
    // Canonical JSON of the prompt, stored as text so the bytes hashed are the bytes kept.
    prompt: text('prompt'),
    output: text('output'),
    // App-side word tokens (Intl.Segmenter, so Chinese splits into words) under the 'simple' configuration.
    search: tsvector('search'),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    erasedReason: text('erased_reason'),
  },
  (t) => [
    index('audit_contents_search_idx').using('gin', t.search),
    // Retention walks the oldest content not yet erased.
    index('audit_contents_live_idx').on(t.seq).where(sql`erased_at is null`),
  ],
);

// The chain head: one row, locked FOR UPDATE by every append in the appending transaction. `time` is the last
// record's time: a record's time is never earlier, so time order is chain order and a time range is a seq range.
export const auditHead = pgTable('audit_head', {
  id: smallint('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  time: timestamp('time', { withTimezone: true }),
});

// Model calls started but not yet completed, with the process that runs them, so that start-up can close the
// calls of processes that died without closing those of live peers.
export const auditPending = pgTable('audit_pending', {
  startId: uuid('start_id').primaryKey(),
  instanceId: uuid('instance_id').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
});

export const auditVerifications = pgTable(
  'audit_verifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: text('source').notNull(),
    ok: boolean('ok').notNull(),
    checked: bigint('checked', { mode: 'number' }).notNull(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
    contentErased: bigint('content_erased', { mode: 'number' }).notNull(),
    breakSeq: bigint('break_seq', { mode: 'number' }),
    reason: text('reason'),
    detail: text('detail'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_verifications_finished_idx').on(t.finishedAt)],
);

// A flagged record: raised by an auditor, assigned to the persona's owner at the time of the record.
export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    auditSeq: bigint('audit_seq', { mode: 'number' })
      .notNull()
      .references(() => auditRecords.seq),
    raisedBy: uuid('raised_by').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason').notNull(),
    assigneeId: uuid('assignee_id'),
    personaId: uuid('persona_id'),
    status: text('status', { enum: ['open', 'resolved'] }).notNull().default('open'),
    resolutionNote: text('resolution_note'),
    fixVersion: integer('fix_version'),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('incidents_assignee_idx').on(t.assigneeId, t.status, t.createdAt),
    index('incidents_audit_seq_idx').on(t.auditSeq),
  ],
);
