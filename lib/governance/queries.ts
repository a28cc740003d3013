import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type DbOrTx } from '@/db/client';
import { searchText } from './tokens';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** The review filters, as they arrive in a query string (empty fields mean "any"). */
export const auditFilterSchema = z.object({
  persona: opt(z.uuid({ message: 'invalid_filter' })),
  version: opt(z.coerce.number({ message: 'invalid_filter' }).int().positive()),
  owner: opt(z.uuid({ message: 'invalid_filter' })),
  user: opt(z.uuid({ message: 'invalid_filter' })),
  model: opt(z.string().trim().max(200, 'too_long')),
  verdict: opt(z.enum(['allow', 'flag', 'redact', 'block'], { message: 'invalid_filter' })),
  flagged: opt(z.enum(['1', 'true', 'on'], { message: 'invalid_filter' }).transform(() => true)),
  from: opt(z.coerce.date({ message: 'invalid_filter' })),
  to: opt(z.coerce.date({ message: 'invalid_filter' })),
  q: opt(z.string().trim().max(200, 'too_long')),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const listAuditQuerySchema = auditFilterSchema.extend({
  cursor: opt(z.coerce.number({ message: 'invalid_filter' }).int().positive()),
  limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).default(50)),
});
export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;

export const exportQuerySchema = auditFilterSchema.extend({
  format: z.enum(['jsonl', 'csv'], { message: 'invalid_filter' }),
});

/**
 * Reads a query string leniently for pages: a filter that does not parse is dropped (and reported) rather than
 * failing the whole page.
 */
export function parseListQuery(params: Record<string, string | undefined>): { query: ListAuditQuery; invalid: string[] } {
  const first = listAuditQuerySchema.safeParse(params);
  if (first.success) return { query: first.data, invalid: [] };
  const invalid = [...new Set(first.error.issues.map((i) => String(i.path[0])))];
  const kept = Object.fromEntries(Object.entries(params).filter(([k]) => !invalid.includes(k)));
  return { query: listAuditQuerySchema.parse(kept), invalid };
}

/** The filter as plain JSON (dates as ISO strings), for audit records and export headers. */
export function filterJson(f: AuditFilter): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(f)
      .filter(([k, v]) => v !== undefined && k in auditFilterSchema.shape)
      .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  );
}

/**
 * A filter as an audit event carries it: the search text may be personal (a name, a phone number), so it goes in
 * the erasable content, and the immutable record only says that there was one.
 */
export function auditedFilter(f: AuditFilter): { data: { filter: Record<string, unknown>; searched?: true }; content?: { prompt: { q: string } } } {
  const { q, ...rest } = filterJson(f);
  if (typeof q !== 'string' || !q) return { data: { filter: rest } };
  return { data: { filter: rest, searched: true }, content: { prompt: { q } } };
}

export function isEmptyFilter(f: AuditFilter | null | undefined): boolean {
  return !f || Object.keys(filterJson(f)).length === 0;
}

/**
 * The WHERE clause over generation.end records (`r`) for a filter. Each filter has an index ending in seq
 * (see db/schema/governance.ts), so "newest first after a cursor" stays an index range at a million records.
 */
export function filterCondition(f: AuditFilter): SQL {
  const parts: SQL[] = [sql`r.kind = 'generation.end'`];
  if (f.persona) parts.push(sql`r.persona_id = ${f.persona}`);
  if (f.version !== undefined) parts.push(sql`r.persona_version = ${f.version}`);
  if (f.owner) parts.push(sql`r.owner_id = ${f.owner}`);
  if (f.user) parts.push(sql`r.actor_id = ${f.user}`);
  if (f.model) parts.push(sql`r.model_id = ${f.model}`);
  if (f.verdict) parts.push(f.verdict === 'allow' ? sql`r.verdict = 'allow'` : sql`r.verdict = ${f.verdict} and r.verdict <> 'allow'`);
  if (f.flagged) parts.push(sql`r.seq in (select audit_seq from incidents)`);
  // Time never decreases along the chain, so a time range is a seq range: find its ends through the time index
  // and let the seq index do the rest (the planner cannot know the two are correlated).
  if (f.from) {
    const from = sql`${f.from.toISOString()}::timestamptz`;
    parts.push(sql`r.time >= ${from} and r.seq >= coalesce((select s.seq from audit_records s
      where s.kind = 'generation.end' and s.time >= ${from} order by s.time, s.seq limit 1), 9223372036854775807)`);
  }
  if (f.to) {
    const to = sql`${f.to.toISOString()}::timestamptz`;
    parts.push(sql`r.time < ${to} and r.seq <= coalesce((select s.seq from audit_records s
      where s.kind = 'generation.end' and s.time < ${to} order by s.time desc, s.seq desc limit 1), 0)`);
  }
  if (f.q) {
    const tokens = searchText(f.q);
    if (tokens) parts.push(sql`r.seq in (select seq from audit_contents where search @@ plainto_tsquery('simple', ${tokens}))`);
  }
  return sql.join(parts, sql` and `);
}

export type AuditListItem = {
  seq: number;
  id: string;
  time: Date;
  actorId: string | null;
  actorName: string | null;
  personaId: string | null;
  personaVersion: number | null;
  ownerId: string | null;
  ownerName: string | null;
  modelProvider: string | null;
  modelId: string | null;
  finish: string | null;
  verdict: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cost: string | null;
  totalMs: number | null;
  snippet: string | null;
  erased: boolean;
  flagged: boolean;
};

type ListRow = {
  seq: string | number;
  id: string;
  time: string | Date;
  actor_id: string | null;
  actor_name: string | null;
  persona_id: string | null;
  persona_version: number | null;
  owner_id: string | null;
  owner_name: string | null;
  model_provider: string | null;
  model_id: string | null;
  finish: string | null;
  verdict: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost: string | null;
  total_ms: number | null;
  snippet: string | null;
  erased: boolean;
  flagged: boolean;
};

/** One page of model calls, newest first, with the cursor (a seq) for the next page. */
export async function listAuditRecords(
  db: DbOrTx,
  q: ListAuditQuery,
): Promise<{ items: AuditListItem[]; nextCursor: number | null }> {
  const cursor = q.cursor ? sql` and r.seq < ${q.cursor}` : sql``;
  const rows = rowsOf<ListRow>(
    await db.execute(sql`
      select r.seq, r.id, r.time, r.actor_id, ua.name as actor_name, r.persona_id, r.persona_version, r.owner_id,
             uo.name as owner_name, r.model_provider, r.model_id, r.finish, r.verdict, r.input_tokens, r.output_tokens,
             r.cost::text as cost, r.total_ms, left(c.output, 240) as snippet, c.erased_at is not null as erased,
             exists (select 1 from incidents i where i.audit_seq = r.seq) as flagged
      from (select * from audit_records r where ${filterCondition(q)}${cursor} order by r.seq desc limit ${q.limit + 1}) r
      left join audit_contents c on c.seq = r.seq
      left join users ua on ua.id = r.actor_id
      left join users uo on uo.id = r.owner_id
      order by r.seq desc`),
  );
  const page = rows.slice(0, q.limit).map(toItem);
  return { items: page, nextCursor: rows.length > q.limit ? page[page.length - 1]!.seq : null };
}

function toItem(r: ListRow): AuditListItem {
  return {
    seq: Number(r.seq),
    id: r.id,
    time: new Date(r.time),
    actorId: r.actor_id,
    actorName: r.actor_name,
    personaId: r.persona_id,
    personaVersion: r.persona_version === null ? null : Number(r.persona_version),
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    modelProvider: r.model_provider,
    modelId: r.model_id,
    finish: r.finish,
    verdict: r.verdict,
    inputTokens: r.input_tokens === null ? null : Number(r.input_tokens),
    outputTokens: r.output_tokens === null ? null : Number(r.output_tokens),
    cost: r.cost,
    totalMs: r.total_ms === null ? null : Number(r.total_ms),
    snippet: r.snippet,
    erased: Boolean(r.erased),
    flagged: Boolean(r.flagged),
  };
}
