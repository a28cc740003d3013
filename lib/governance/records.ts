import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { can } from '@/lib/auth/permissions';
import type { PublicUser } from '@/lib/auth/users';
import { notFound } from '@/lib/errors';
import type { Verdict } from './policies/types';

/** A record as the record page shows it: what the envelope (the hashed bytes) says, plus its content. */
export type AuditRecordView = {
  seq: number;
  hash: string;
  fields: Record<string, unknown> & { kind: string; id: string; time: string; prev_hash: string };
  verdicts: Verdict[];
  prompt: unknown;
  output: string | null;
  erased: { at: Date; reason: string | null } | null;
  hasContent: boolean;
};

export type AuditCallView = { start: AuditRecordView | null; end: AuditRecordView | null };

type Row = {
  seq: string | number;
  envelope: string;
  hash: string;
  owner_id: string | null;
  prompt: string | null;
  output: string | null;
  has_content: boolean;
  erased_at: string | Date | null;
  erased_reason: string | null;
};

function toView(r: Row): AuditRecordView {
  const fields = JSON.parse(r.envelope) as AuditRecordView['fields'];
  return {
    seq: Number(r.seq),
    hash: r.hash,
    fields,
    verdicts: Array.isArray(fields.verdicts) ? (fields.verdicts as Verdict[]) : [],
    prompt: r.prompt === null ? null : JSON.parse(r.prompt),
    output: r.output,
    erased: r.erased_at ? { at: new Date(r.erased_at), reason: r.erased_reason } : null,
    hasContent: r.has_content,
  };
}

async function loadRecords(db: DbOrTx, seqs: number[]): Promise<Row[]> {
  if (!seqs.length) return [];
  return rowsOf<Row>(
    await db.execute(sql`
      select r.seq, r.envelope, r.hash, r.owner_id, c.prompt, c.output, c.seq is not null as has_content, c.erased_at, c.erased_reason
      from audit_records r left join audit_contents c on c.seq = r.seq
      where r.seq in (${sql.join(seqs.map((s) => sql`${s}`), sql`, `)}) order by r.seq`),
  );
}

/**
 * One record and, for a model call, its partner (start ↔ end). Auditors and admins see any record; a persona's
 * owner sees the records of their personas; anyone else gets a 404, as if it did not exist.
 */
export async function getAuditCallForViewerOrThrow(db: DbOrTx, viewer: PublicUser, seq: number): Promise<AuditCallView & { record: AuditRecordView }> {
  const [row] = Number.isSafeInteger(seq) && seq > 0 ? await loadRecords(db, [seq]) : [];
  if (!row || (!can(viewer, 'audit.read') && row.owner_id !== viewer.id)) throw notFound('Audit record');
  const record = toView(row);
  const kind = record.fields.kind;
  let partner: AuditRecordView | null = null;
  if (kind === 'generation.end' && typeof record.fields.completes_seq === 'number') {
    partner = (await loadRecords(db, [record.fields.completes_seq]).then((rs) => rs.map(toView)))[0] ?? null;
  } else if (kind === 'generation.start') {
    const [end] = rowsOf<{ seq: string | number }>(await db.execute(sql`select seq from audit_records where completes_seq = ${seq}`));
    if (end) partner = (await loadRecords(db, [Number(end.seq)]).then((rs) => rs.map(toView)))[0] ?? null;
  }
  const start = kind === 'generation.start' ? record : kind === 'generation.end' ? partner : null;
  const end = kind === 'generation.end' ? record : kind === 'generation.start' ? partner : null;
  return { record, start, end };
}
