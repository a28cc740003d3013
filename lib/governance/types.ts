import type { PolicyAction, Verdict } from './policies/types';

/**
 * Governance events and the data each one carries. `data` lands in the immutable envelope, so it holds ids,
 * versions and counts — never personal text (that goes in `content`, which can be erased).
 */
export type AuditEvents = {
  'persona.version.published': { personaId: string; version: number };
  'persona.transferred': { personaId: string; fromOwnerId: string; toOwnerId: string };
  'memory.written': { memoryId: string; subjectUserId: string };
  'memory.edited': { memoryId: string; subjectUserId: string };
  'memory.deleted': { memoryId: string; subjectUserId: string };
  'user.role.changed': { userId: string; from: string; to: string };
  'audit.viewed': { seq?: number; filter?: Record<string, unknown>; searched?: true };
  'audit.exported': { format: 'jsonl' | 'csv'; filter?: Record<string, unknown>; searched?: true };
  'audit.flag.raised': { seq: number; incidentId: string };
  'audit.flag.resolved': { incidentId: string; seq: number; fixVersion?: number | null };
  'retention.changed': { days: number | null };
  'retention.purged': { cutoff: string; erased: number; firstSeq: number | null; lastSeq: number | null };
  'user.content.erased': { userId: string; erased: number };
};
export type AuditAction = keyof AuditEvents;

type EntryCommon = {
  /** Who did it: a user id, or null for the system (start-up sweep, scheduled purge). */
  actorId: string | null;
  personaId?: string | null;
  personaVersion?: number | null;
  ownerId?: string | null;
  chatId?: string | null;
  requestId?: string | null;
  /** Personal text that belongs with the event; erasable, covered by content_hash. */
  content?: { prompt?: unknown; output?: string | null };
};

export type AuditEntry = { [A in AuditAction]: EntryCommon & { action: A; data: AuditEvents[A] } }[AuditAction];

export type GenerationFinish =
  | 'stop'
  | 'length'
  | 'content-filter'
  | 'tool-calls'
  | 'aborted'
  | 'error'
  | 'blocked'
  | 'unfinished'
  | 'other';

export type Usage = { inputTokens?: number | null; outputTokens?: number | null; totalTokens?: number | null };

export type GenerationStart = {
  actorId: string;
  personaId: string;
  personaVersion: number;
  /** The persona's owner at this moment: accountability follows the record, not later transfers. */
  ownerId: string;
  chatId?: string | null;
  messageId?: string | null;
  model: { provider: string; id: string };
  settings?: Record<string, unknown>;
  /** The exact assembled prompt (e.g. the model messages), any JSON value. */
  prompt: unknown;
  /** What makes the call findable by full-text search; defaults to the last user message in `prompt`. */
  searchText?: string;
  /** e.g. 'chat' | 'memory' — what the call was for. */
  purpose?: string;
  requestId?: string | null;
  /** Verdicts of the input policy, if it ran before the call. */
  verdicts?: Verdict[];
  policyVersion?: string | null;
};

export type GenerationEnd = {
  /** The output as shown and stored (after redaction); null when nothing is known, e.g. an unfinished call. */
  output: string | null;
  finish: GenerationFinish;
  usage?: Usage;
  /** Estimated cost; computed from the price table (app_settings) when left undefined. */
  cost?: number | null;
  ttftMs?: number | null;
  /** Defaults to the time since the start record. */
  totalMs?: number | null;
  verdicts?: Verdict[];
  policyVersion?: string | null;
  /** A short, non-personal error description for finish 'error'. */
  error?: string | null;
  requestId?: string | null;
};

export type AppendedRecord = { seq: number; id: string; hash: string; time: string };
export type GenerationHandle = AppendedRecord & { startedAt: number };

export type { PolicyAction, Verdict };
