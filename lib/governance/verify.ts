import { desc, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { auditVerifications } from '@/db/schema';
import { canonicalJson, GENESIS_HASH, recordHash, sha256Hex } from './canonical';

export type BreakReason = 'seq_gap' | 'prev_mismatch' | 'hash_mismatch' | 'content_mismatch' | 'head_mismatch';
export type ChainBreak = { seq: number; reason: BreakReason; detail: string };

/**
 * What verification knows about a record's content: none attached, erased, the canonical bytes to hash, or —
 * from the database — their SHA-256 already taken there, so prompts of many kilobytes need not cross the wire.
 */
export type ContentState =
  | { state: 'none' }
  | { state: 'erased' }
  | { state: 'present'; bytes: string }
  | { state: 'hashed'; sha256: string };

/** One record as verification sees it: the exact stored envelope bytes, the stored hash, and its content. */
export type ChainItem = { envelope: string; hash: string; content: ContentState };

export type VerifyResult = {
  ok: boolean;
  source: 'database' | 'file';
  checked: number;
  lastSeq: number;
  lastHash: string;
  contentErased: number;
  break?: ChainBreak;
  startedAt: Date;
  finishedAt: Date;
};

type EnvelopeHead = { seq?: unknown; prev_hash?: unknown; content_hash?: unknown };

/**
 * Checks records one by one in chain order and reports the first break. Per record, in this order: the hash over
 * the record's own prev_hash and bytes (any changed byte), the sequence number (a removed or misplaced record),
 * the link to the previous record's hash, then the content hash — where erased content counts as erased, not as a
 * break, because the chain covers the hash and not the text.
 *
 * `allowGaps` is for filtered exports: records are checked on their own, and links only between neighbours.
 */
export class ChainVerifier {
  checked = 0;
  contentErased = 0;
  lastSeq: number;
  lastHash: string;

  constructor(
    start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
    private readonly allowGaps = false,
  ) {
    this.lastSeq = start.seq;
    this.lastHash = start.hash;
  }

  check(item: ChainItem): ChainBreak | null {
    const expected = this.lastSeq + 1;
    let env: EnvelopeHead;
    try {
      env = JSON.parse(item.envelope) as EnvelopeHead;
    } catch {
      return { seq: expected, reason: 'hash_mismatch', detail: 'record is not valid JSON' };
    }
    const seq = typeof env.seq === 'number' ? env.seq : expected;
    const prev = typeof env.prev_hash === 'string' ? env.prev_hash : '';
    if (!/^[0-9a-f]{64}$/.test(prev) || recordHash(prev, item.envelope) !== item.hash) {
      return { seq, reason: 'hash_mismatch', detail: 'the record’s bytes do not hash to its stored hash' };
    }
    const linked = seq === expected;
    if (!linked && !this.allowGaps) {
      return { seq, reason: 'seq_gap', detail: `expected seq ${expected}, found ${seq}` };
    }
    if (linked && prev !== this.lastHash) {
      return { seq, reason: 'prev_mismatch', detail: 'prev_hash does not equal the previous record’s hash' };
    }
    const broken = this.checkContent(seq, env.content_hash, item.content);
    if (broken) return broken;
    this.checked++;
    this.lastSeq = seq;
    this.lastHash = item.hash;
    return null;
  }

  private checkContent(seq: number, expectedHash: unknown, content: ContentState): ChainBreak | null {
    if (typeof expectedHash !== 'string') return null;
    if (content.state === 'erased') {
      this.contentErased++;
      return null;
    }
    if (content.state === 'none') return { seq, reason: 'content_mismatch', detail: 'content is missing (not erased)' };
    const actual = content.state === 'hashed' ? content.sha256 : sha256Hex(content.bytes);
    if (actual !== expectedHash) {
      return { seq, reason: 'content_mismatch', detail: 'content does not match the record’s content_hash' };
    }
    return null;
  }
}

type DbRow = { envelope: string; hash: string; content: string | null };

/**
 * SHA-256 of the stored content's canonical bytes, computed by the database: the same bytes as contentBytes()
 * builds — to_json() escapes a string exactly as JSON.stringify does (a test holds this true) and the prompt is
 * stored canonical. 'erased' for erased content, null when the record has none.
 */
const contentShaSql = sql.raw(`case when c.seq is null then null when c.erased_at is not null then 'erased' else
  encode(sha256(convert_to('{"output":' || coalesce(to_json(c.output)::text, 'null') || ',"prompt":' || coalesce(c.prompt, 'null') || '}', 'UTF8')), 'hex') end`);

/**
 * Verifies the chain in the database from genesis up to the head as it was when verification began. Records are
 * fetched by seq range, several ranges in flight at once (the database, not the hashing, is the slow side), and
 * checked strictly in order. Then the head must name the last record, so a removed tail is caught too.
 */
export async function verifyDatabase(db: Db, opts: { batchSize?: number; parallel?: number } = {}): Promise<VerifyResult> {
  const startedAt = new Date();
  const batchSize = opts.batchSize ?? 5000;
  const parallel = opts.parallel ?? 4;
  const [head] = rowsOf<{ seq: string | number; hash: string }>(await db.execute(sql`select seq, hash from audit_head where id = 1`));
  const headSeq = Number(head?.seq ?? 0);
  const headHash = head?.hash ?? GENESIS_HASH;
  // Ranges, not keyset pages: a missing record only makes its range one row shorter, and the verifier sees the gap.
  const fetch = async (from: number) => {
    const to = Math.min(from + batchSize - 1, headSeq);
    return rowsOf<DbRow>(
      await db.execute(sql`
        select r.envelope, r.hash, ${contentShaSql} as content
        from audit_records r left join audit_contents c on c.seq = r.seq and c.seq between ${from} and ${to}
        where r.seq between ${from} and ${to}
        order by r.seq`),
    );
  };
  const verifier = new ChainVerifier();
  const result = (brk?: ChainBreak): VerifyResult => ({
    ok: !brk,
    source: 'database',
    checked: verifier.checked,
    lastSeq: verifier.lastSeq,
    lastHash: verifier.lastHash,
    contentErased: verifier.contentErased,
    break: brk,
    startedAt,
    finishedAt: new Date(),
  });

  const inflight: Promise<DbRow[]>[] = [];
  let nextFrom = 1;
  const fill = () => {
    while (inflight.length < parallel && nextFrom <= headSeq) {
      inflight.push(fetch(nextFrom));
      nextFrom += batchSize;
    }
  };
  fill();
  while (inflight.length) {
    const rows = await inflight.shift()!;
    fill();
    for (const row of rows) {
      const brk = verifier.check({ envelope: row.envelope, hash: row.hash, content: dbContent(row) });
      if (brk) {
        await Promise.allSettled(inflight);
        return result(brk);
      }
    }
  }
  if (verifier.lastSeq !== headSeq || verifier.lastHash !== headHash) {
    return result({
      seq: headSeq,
      reason: 'head_mismatch',
      detail: `the head names seq ${headSeq}, the chain ends at seq ${verifier.lastSeq}`,
    });
  }
  return result();
}

function dbContent(row: DbRow): ContentState {
  if (row.content === null) return { state: 'none' };
  if (row.content === 'erased') return { state: 'erased' };
  return { state: 'hashed', sha256: row.content };
}

/** One line of a JSONL export (see export.ts): a header first, then one line per record. */
export type ExportHeader = {
  type: 'persona.audit.export';
  version: 1;
  complete: boolean;
  start?: { seq: number; hash: string };
};
export type ExportRecordLine = {
  type: 'record';
  seq: number;
  record: Record<string, unknown>;
  hash: string;
  content?: { prompt: unknown; output: string | null } | null;
  content_erased?: { at: string; reason: string } | null;
};

/**
 * Verifies a JSONL export offline. The record bytes are rebuilt with the same canonicaliser: canonical JSON parsed
 * and canonicalised again is byte-identical (RFC 8785), so the hashes check exactly as they did in the database.
 * A complete export is checked as a chain; a filtered one record by record, with links between neighbours.
 */
export async function verifyExportLines(lines: AsyncIterable<string>): Promise<VerifyResult> {
  const startedAt = new Date();
  let verifier: ChainVerifier | undefined;
  let brk: ChainBreak | undefined;
  let lineNo = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    lineNo++;
    let parsed: ExportHeader | ExportRecordLine;
    try {
      parsed = JSON.parse(line);
    } catch {
      brk = { seq: (verifier?.lastSeq ?? 0) + 1, reason: 'hash_mismatch', detail: `line ${lineNo} is not valid JSON` };
      break;
    }
    if (parsed.type === 'persona.audit.export') {
      verifier = new ChainVerifier(parsed.start ?? { seq: 0, hash: GENESIS_HASH }, !parsed.complete);
      continue;
    }
    verifier ??= new ChainVerifier();
    brk = verifier.check({ envelope: canonicalJson(parsed.record), hash: parsed.hash, content: lineContent(parsed) }) ?? undefined;
    if (brk) break;
  }
  const v = verifier ?? new ChainVerifier();
  return {
    ok: !brk,
    source: 'file',
    checked: v.checked,
    lastSeq: v.lastSeq,
    lastHash: v.lastHash,
    contentErased: v.contentErased,
    break: brk,
    startedAt,
    finishedAt: new Date(),
  };
}

function lineContent(line: ExportRecordLine): ContentState {
  if (line.content_erased) return { state: 'erased' };
  if (!line.content) return { state: 'none' };
  return { state: 'present', bytes: canonicalJson({ prompt: line.content.prompt ?? null, output: line.content.output ?? null }) };
}

export async function saveVerification(db: Db, r: VerifyResult): Promise<void> {
  await db.insert(auditVerifications).values({
    source: r.source,
    ok: r.ok,
    checked: r.checked,
    lastSeq: r.lastSeq,
    contentErased: r.contentErased,
    breakSeq: r.break?.seq ?? null,
    reason: r.break?.reason ?? null,
    detail: r.break?.detail ?? null,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  });
}

export type StoredVerification = typeof auditVerifications.$inferSelect;

export async function lastVerification(db: Db): Promise<StoredVerification | null> {
  const [row] = await db.select().from(auditVerifications).orderBy(desc(auditVerifications.finishedAt)).limit(1);
  return row ?? null;
}
