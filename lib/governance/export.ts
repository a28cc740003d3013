import { sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { rowsOf, type Db } from '@/db/client';
import { audit } from './audit';
import { GENESIS_HASH } from './canonical';
import { aigcLabel } from './labels';
import { auditedFilter, filterCondition, filterJson, isEmptyFilter, type AuditFilter } from './queries';

export type ExportFormat = 'jsonl' | 'csv';

export const exportContentTypes: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export function exportFilename(format: ExportFormat, at = new Date()): string {
  return `persona-audit-${at.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${format}`;
}

type Row = {
  seq: string | number;
  envelope: string;
  hash: string;
  prompt: string | null;
  output: string | null;
  has_content: boolean;
  erased_at: string | Date | null;
  erased_reason: string | null;
};

const BATCH = 2000;

/**
 * Exports records as a stream of text chunks, after recording who exported what (the export is audited before the
 * first byte leaves). Without a filter the export is the complete chain up to the current head, verifiable as a chain;
 * with one, it holds the matching calls (start and end records) and verifies record by record.
 */
export async function exportAudit(
  db: Db,
  opts: { format: ExportFormat; filter?: AuditFilter | null; actorId: string | null; requestId?: string },
): Promise<AsyncGenerator<string>> {
  const filter = isEmptyFilter(opts.filter) ? null : opts.filter!;
  const audited = filter ? auditedFilter(filter) : null;
  const event = await audit(db, {
    action: 'audit.exported',
    actorId: opts.actorId,
    requestId: opts.requestId,
    data: { format: opts.format, ...audited?.data },
    content: audited?.content,
  });
  const batches = filter ? filteredBatches(db, filter, event.seq) : chainBatches(db, event.seq);
  return opts.format === 'jsonl' ? jsonl(batches, filter) : csv(batches);
}

async function* chainBatches(db: Db, throughSeq: number): AsyncGenerator<Row[]> {
  let after = 0;
  for (;;) {
    const rows = rowsOf<Row>(
      await db.execute(sql`
        select r.seq, r.envelope, r.hash, c.prompt, c.output, c.seq is not null as has_content, c.erased_at, c.erased_reason
        from audit_records r left join audit_contents c on c.seq = r.seq and c.seq > ${after} and c.seq <= ${throughSeq}
        where r.seq > ${after} and r.seq <= ${throughSeq} order by r.seq limit ${BATCH}`),
    );
    if (!rows.length) return;
    yield rows;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

async function* filteredBatches(db: Db, filter: AuditFilter, throughSeq: number): AsyncGenerator<Row[]> {
  let after = 0;
  for (;;) {
    const rows = rowsOf<Row & { end_seq: string | number }>(
      await db.execute(sql`
        with ends as (
          select r.seq, r.completes_seq from audit_records r
          where ${filterCondition(filter)} and r.seq > ${after} and r.seq <= ${throughSeq} order by r.seq limit ${BATCH}
        ), picked as (
          select seq, seq as end_seq from ends union all select completes_seq, seq from ends where completes_seq is not null
        )
        select p.end_seq, r.seq, r.envelope, r.hash, c.prompt, c.output, c.seq is not null as has_content, c.erased_at, c.erased_reason
        from picked p join audit_records r on r.seq = p.seq left join audit_contents c on c.seq = r.seq
        order by r.seq`),
    );
    if (!rows.length) return;
    yield rows;
    after = Math.max(...rows.map((r) => Number(r.end_seq)));
  }
}

async function* jsonl(batches: AsyncGenerator<Row[]>, filter: AuditFilter | null): AsyncGenerator<string> {
  const header = {
    type: 'persona.audit.export',
    version: 1,
    complete: !filter,
    start: { seq: 0, hash: GENESIS_HASH },
    exported_at: new Date().toISOString(),
    filter: filter ? filterJson(filter) : null,
  };
  yield JSON.stringify(header) + '\n';
  for await (const rows of batches) {
    let chunk = '';
    for (const row of rows) chunk += jsonlLine(row) + '\n';
    yield chunk;
  }
}

/** A record line. The envelope and prompt are embedded as stored: they are canonical JSON already. */
function jsonlLine(row: Row): string {
  const meta = envelopeMeta(row.envelope);
  let line = `{"type":"record","seq":${Number(row.seq)},"hash":"${row.hash}","record":${row.envelope}`;
  if (row.has_content) {
    if (row.erased_at) {
      line += `,"content":null,"content_erased":${JSON.stringify({ at: new Date(row.erased_at).toISOString(), reason: row.erased_reason })}`;
    } else {
      line += `,"content":{"prompt":${row.prompt ?? 'null'},"output":${row.output === null ? 'null' : JSON.stringify(row.output)}}`;
    }
  }
  if (meta.kind === 'generation.end') line += `,${JSON.stringify(aigcLabel(meta.contentId, { contentHash: meta.contentHash })).slice(1, -1)}`;
  return line + '}';
}

type Meta = { kind: string; contentId: string; contentHash: string | null; fields: Record<string, unknown> };
function envelopeMeta(envelope: string): Meta {
  const e = JSON.parse(envelope) as Record<string, unknown>;
  return {
    kind: String(e.kind),
    contentId: String(e.message_id ?? e.id),
    contentHash: typeof e.content_hash === 'string' ? e.content_hash : null,
    fields: e,
  };
}

const CSV_COLUMNS = [
  'seq', 'id', 'kind', 'time', 'actor_id', 'persona_id', 'persona_version', 'owner_id', 'chat_id', 'message_id',
  'model_provider', 'model_id', 'finish', 'verdict', 'input_tokens', 'output_tokens', 'cost', 'ttft_ms', 'total_ms',
  'policy_version', 'app_version', 'request_id', 'completes_seq', 'content_hash', 'prev_hash', 'hash', 'prompt',
  'output', 'content_erased_at', 'aigc',
] as const;

async function* csv(batches: AsyncGenerator<Row[]>): AsyncGenerator<string> {
  yield stringify([CSV_COLUMNS as unknown as string[]]);
  for await (const rows of batches) {
    yield stringify(
      rows.map((row) => {
        const meta = envelopeMeta(row.envelope);
        const e = meta.fields;
        const usage = (e.usage ?? {}) as Record<string, unknown>;
        const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
          ...pick(e, ['seq', 'id', 'kind', 'time', 'actor_id', 'persona_id', 'persona_version', 'owner_id', 'chat_id', 'message_id',
            'model_provider', 'model_id', 'finish', 'verdict', 'cost', 'ttft_ms', 'total_ms', 'policy_version', 'app_version',
            'request_id', 'completes_seq', 'content_hash', 'prev_hash']),
          input_tokens: usage.input_tokens,
          output_tokens: usage.output_tokens,
          hash: row.hash,
          prompt: row.erased_at ? '' : spreadsheetSafe(row.prompt),
          output: row.erased_at ? '' : spreadsheetSafe(row.output),
          content_erased_at: row.erased_at ? new Date(row.erased_at).toISOString() : '',
          aigc: meta.kind === 'generation.end' ? JSON.stringify(aigcLabel(meta.contentId, { contentHash: meta.contentHash }).AIGC) : '',
        } as Record<(typeof CSV_COLUMNS)[number], unknown>;
        return CSV_COLUMNS.map((c) => values[c] ?? '');
      }),
    );
  }
}

/** Model and user text that starts like a formula would run in a spreadsheet; a leading apostrophe keeps it text. */
function spreadsheetSafe(text: string | null): string {
  if (!text) return '';
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}
