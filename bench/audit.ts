// npx tsx bench/audit.ts — the audit chain's costs: chained appends/s at 1, 8 and 32 concurrent writers against
// plain inserts into an unchained table, verification speed, and the review list query at BENCH_AUDIT_ROWS
// records (default 1,000,000), and the cost dashboard's report over 1 to 90 days of them. Runs in a scratch database `<your db>_bench` (dropped afterwards), or in-memory
// PGlite without DATABASE_URL. Prints `name: value unit (baseline: value, ratio: x)`.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { percentile, report } from './lib/report';

const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
const APPENDS = Number(process.env.BENCH_AUDIT_APPENDS ?? 3000);
const LIST_QUERIES = Number(process.env.BENCH_AUDIT_QUERIES ?? 400);

// A scratch database, so the benchmark never touches a real audit log. BENCH_AUDIT_REUSE=1 keeps it between runs
// (and skips the append part), to iterate on the million-record queries without generating them again.
const reuse = process.env.BENCH_AUDIT_REUSE === '1';
let dropScratch = async () => {};
if (process.env.DATABASE_URL) {
  const url = new URL(process.env.DATABASE_URL);
  const name = `${url.pathname.slice(1) || 'persona'}_bench`;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  const exists = (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
  if (!reuse || !exists) {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
  }
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropScratch = async () => {
    if (!reuse) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
} else {
  process.env.PGLITE_DIR = 'memory://';
}
process.env.DATABASE_POOL_SIZE ??= '40';

const { sql } = await import('drizzle-orm');
const { closeDb, getDb, rowsOf } = await import('../db/client');
const { audit } = await import('../lib/governance/audit');
const { appVersion } = await import('../lib/governance/app-version');
const { contentHash, canonicalJson } = await import('../lib/governance/canonical');
const { sealRecord } = await import('../lib/governance/envelope');
const { listAuditRecords, listAuditQuerySchema } = await import('../lib/governance/queries');
const { searchText } = await import('../lib/governance/tokens');
const { verifyDatabase } = await import('../lib/governance/verify');

const db = await getDb();
const output = 'The harbour is quiet at dawn; the boats drift out one by one. '.repeat(6);

/** Runs `total` operations with `writers` concurrent loops; returns operations per second. */
async function throughput(writers: number, total: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = next++; i < total; i = next++) await op(i);
    }),
  );
  return total / ((performance.now() - t0) / 1000);
}

// --- appends ---------------------------------------------------------------------------------------------------
await db.execute(sql`create table if not exists bench_plain (id uuid primary key, body text not null, output text)`);
const actor = randomUUID();
const event = (i: number) =>
  ({ action: 'audit.viewed', actorId: actor, data: { seq: i }, content: { output } }) as const;

for (const writers of reuse ? [] : [1, 8, 32]) {
  const n = Math.max(writers * 20, Math.round(APPENDS * (writers === 1 ? 0.5 : 1)));
  const plain = await throughput(writers, n, () =>
    db.transaction((tx) =>
      tx.execute(sql`insert into bench_plain values (${randomUUID()}, ${JSON.stringify({ actor, output: output.slice(0, 200) })}, ${output})`),
    ),
  );
  const chained = await throughput(writers, n, (i) => db.transaction((tx) => audit(tx, event(i))));
  const grouped = await throughput(writers, n, (i) => audit(db, event(i)));
  report(`audit.append.in_tx.w${writers}`, chained, 'appends/s', plain);
  report(`audit.append.grouped.w${writers}`, grouped, 'appends/s', plain);
}

// --- a million records ---------------------------------------------------------------------------------------
const personas = Array.from({ length: 200 }, () => randomUUID());
const owners = Array.from({ length: 100 }, () => randomUUID());
const users = Array.from({ length: 5000 }, () => randomUUID());
const models = ['offline-1', 'gpt-4o-mini', 'gpt-4.1', 'qwen2.5-7b', 'llama3.1-8b', 'deepseek-chat'];
const words = ['harbour', 'lighthouse', 'weather', 'recipe', 'travel', 'music', 'garden', 'history', '天气', '北京', '音乐', '旅行'];
const pick = <T>(xs: T[], i: number) => xs[i % xs.length]!;
const verdictOf = (i: number) => (i % 200 === 0 ? 'block' : i % 67 === 0 ? 'redact' : i % 33 === 0 ? 'flag' : 'allow');
const DAY = 86_400_000;
const t0 = Date.now() - 90 * DAY;

// The generated texts repeat; segmenting each once keeps the load bound by the database, not by Intl.Segmenter.
const searchCache = new Map<string, string>();
const searchFor = (text: string) => searchCache.get(text) ?? searchCache.set(text, searchText(text)).get(text)!;

type Batch = { envelopes: string[]; hashes: string[]; seqs: number[]; prompts: (string | null)[]; outputs: (string | null)[]; search: string[] };

/** Seals `count` records (start/end pairs) after the given chain position, with the app's own sealRecord. */
function sealBatch(count: number, at: { seq: number; prev: string; done: number; total: number }): Batch {
  const b: Batch = { envelopes: [], hashes: [], seqs: [], prompts: [], outputs: [], search: [] };
  const version = appVersion();
  for (let k = 0; k < count; k += 2) {
    const persona = Math.floor(Math.random() * personas.length);
    const ids = {
      actor_id: pick(users, Math.floor(Math.random() * users.length)),
      persona_id: personas[persona],
      persona_version: 1 + (Math.floor(at.seq / 2) % 5),
      owner_id: owners[persona % owners.length],
      chat_id: randomUUID(),
      message_id: randomUUID(),
      model_provider: 'bench',
      model_id: pick(models, persona),
    };
    const time = new Date(t0 + Math.floor(((at.done + k) / at.total) * 90 * DAY)).toISOString();
    const word = pick(words, Math.floor(Math.random() * words.length));
    const prompt = canonicalJson([{ role: 'user', content: `Tell me about the ${word}` }]);
    const startSeq = at.seq + 1;
    const start = sealRecord(
      { ...ids, id: randomUUID(), kind: 'generation.start', settings: { temperature: 0.7 }, verdict: 'allow', content_hash: contentHash(prompt, null) },
      { seq: startSeq, time, prevHash: at.prev, appVersion: version },
    );
    const out = `${word}: ${output}`;
    const end = sealRecord(
      {
        ...ids,
        id: randomUUID(),
        kind: 'generation.end',
        completes_seq: startSeq,
        finish: 'stop',
        usage: { input_tokens: 40, output_tokens: 80 },
        cost: 0.00012,
        ttft_ms: 120,
        total_ms: 900,
        verdict: verdictOf(startSeq),
        policy_version: 'bench',
        content_hash: contentHash(null, out),
      },
      { seq: startSeq + 1, time, prevHash: start.hash, appVersion: version },
    );
    const tokens = searchFor(`Tell me about the ${word}`);
    b.envelopes.push(start.envelope, end.envelope);
    b.hashes.push(start.hash, end.hash);
    b.seqs.push(startSeq, startSeq + 1);
    b.prompts.push(prompt, null);
    b.outputs.push(null, out);
    b.search.push(tokens, `${searchFor(out)} ${tokens}`);
    at.seq = startSeq + 1;
    at.prev = end.hash;
  }
  at.done += count;
  return b;
}

async function insertBatch(b: Batch, head: { seq: number; prev: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into audit_records (envelope, hash) select * from unnest(${sql.param(b.envelopes)}::text[], ${sql.param(b.hashes)}::text[])`);
    await tx.execute(sql`
      insert into audit_contents (seq, prompt, output, search)
      select s, p, o, to_tsvector('simple', w)
      from unnest(${sql.param(b.seqs)}::bigint[], ${sql.param(b.prompts)}::text[], ${sql.param(b.outputs)}::text[], ${sql.param(b.search)}::text[]) as u(s, p, o, w)`);
    await tx.execute(sql`update audit_head set seq = ${head.seq}, hash = ${head.prev} where id = 1`);
  });
}

/**
 * Bulk-loads records the way a restore would: secondary indexes dropped, rows appended in large batches (sealed
 * by the app's own code while the previous batch is being inserted), indexes rebuilt at the end. The insert
 * trigger still derives every column from the envelope, so the rows are exactly what appends produce.
 */
async function generate(total: number): Promise<void> {
  const indexes = rowsOf<{ indexname: string; indexdef: string }>(
    await db.execute(sql`select indexname, indexdef from pg_indexes where tablename in ('audit_records', 'audit_contents') and indexname not like '%pkey'`),
  );
  for (const i of indexes) await db.execute(sql.raw(`drop index "${i.indexname}"`));
  const [head] = rowsOf<{ seq: string; hash: string }>(await db.execute(sql`select seq, hash from audit_head where id = 1`));
  const at = { seq: Number(head!.seq), prev: head!.hash, done: 0, total };
  const BATCH = 10_000;
  let inflight: Promise<void> = Promise.resolve();
  while (at.done < total) {
    const batch = sealBatch(Math.min(BATCH, total - at.done), at);
    await inflight;
    inflight = insertBatch(batch, { seq: at.seq, prev: at.prev });
  }
  await inflight;
  for (const i of indexes) await db.execute(sql.raw(i.indexdef));
}

const existing = Number(rowsOf<{ n: string }>(await db.execute(sql`select count(*) as n from audit_records`))[0]!.n);
const g0 = performance.now();
await generate(Math.max(0, ROWS - existing) & ~1);
const genSeconds = (performance.now() - g0) / 1000;
await db.execute(sql`analyze`);
const total = Number(rowsOf<{ n: string }>(await db.execute(sql`select count(*) as n from audit_records`))[0]!.n);
if (total > existing) report('audit.generate', (total - existing) / genSeconds, 'records/s');

// A thousand flagged records, for the "flagged" filter.
if (!reuse) await db.execute(sql`
  insert into incidents (audit_seq, reason, assignee_id, persona_id)
  select seq, 'bench', owner_id, persona_id from audit_records where kind = 'generation.end' and seq % 997 = 0 limit 1000`);

// --- verification ----------------------------------------------------------------------------------------------
const f0 = performance.now();
let fetched = 0;
for (let after = 0; ; ) {
  const rows = rowsOf<{ seq: string }>(
    await db.execute(sql`
      select r.seq, r.envelope, r.hash, c.prompt, c.output, c.erased_at is not null as erased from audit_records r
      left join audit_contents c on c.seq = r.seq and c.seq > ${after} where r.seq > ${after} order by r.seq limit 5000`),
  );
  if (!rows.length) break;
  fetched += rows.length;
  after = Number(rows[rows.length - 1]!.seq);
}
const fetchRate = fetched / ((performance.now() - f0) / 1000);
const result = await verifyDatabase(db);
if (!result.ok) throw new Error(`chain did not verify: ${JSON.stringify(result.break)}`);
const verifyRate = result.checked / ((result.finishedAt.getTime() - result.startedAt.getTime()) / 1000);
report('audit.verify', verifyRate, 'records/s', fetchRate);

// --- the review list -------------------------------------------------------------------------------------------
const maxSeq = total;
const filters: [string, () => Record<string, unknown>][] = [
  ['persona', () => ({ persona: pick(personas, rand()) })],
  ['persona+version', () => ({ persona: pick(personas, rand()), version: 1 + (rand() % 5) })],
  ['owner', () => ({ owner: pick(owners, rand()) })],
  ['user', () => ({ user: pick(users, rand()) })],
  ['model', () => ({ model: pick(models, rand()) })],
  ['verdict', () => ({ verdict: pick(['flag', 'redact', 'block'], rand()) })],
  ['model+verdict', () => ({ model: pick(models, rand()), verdict: 'block' })],
  ['flagged', () => ({ flagged: '1' })],
  ['time range', () => ({ from: new Date(t0 + (rand() % 89) * DAY), to: new Date(t0 + ((rand() % 89) + 1) * DAY) })],
  ['cursor', () => ({ cursor: 1 + (rand() % maxSeq) })],
  ['search', () => ({ q: pick(words, rand()) })],
];
function rand(): number {
  return Math.floor(Math.random() * 1e9);
}
async function timeList(params: Record<string, unknown>): Promise<number> {
  const q = listAuditQuerySchema.parse(params);
  const s = performance.now();
  await listAuditRecords(db, q);
  return performance.now() - s;
}

for (let i = 0; i < 20; i++) await timeList(filters[i % filters.length]![1]()); // warm the cache
const unfiltered: number[] = [];
for (let i = 0; i < 50; i++) unfiltered.push(await timeList({}));
const samples: number[] = [];
const byFilter = new Map<string, number[]>();
for (let i = 0; i < LIST_QUERIES; i++) {
  const [name, make] = filters[i % filters.length]!;
  const ms = await timeList(make());
  samples.push(ms);
  byFilter.set(name, [...(byFilter.get(name) ?? []), ms]);
}
const rowsLabel = total >= 1e6 ? `${(total / 1e6).toFixed(1)}M` : `${Math.round(total / 1e3)}k`;
report(`audit.list.p50@${rowsLabel}`, percentile(samples, 50), 'ms', percentile(unfiltered, 50));
report(`audit.list.p99@${rowsLabel}`, percentile(samples, 99), 'ms', percentile(unfiltered, 99));
for (const [name, ms] of byFilter) report(`audit.list.p99.${name.replace(/[ +]/g, '_')}`, percentile(ms, 99), 'ms');

// --- the cost dashboard: one GROUPING SETS pass over the range's generation.end records ----------------------------
const { costReport } = await import('../lib/governance/costs');
const dataEnd = Number(rowsOf<{ t: string }>(await db.execute(sql`select extract(epoch from max(time)) * 1000 as t from audit_records`))[0]!.t);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
for (const days of [1, 7, 30, 90]) {
  const range = { from: dayOf(dataEnd - (days - 1) * DAY), to: dayOf(dataEnd) };
  await costReport(db, range); // warm
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    await costReport(db, range);
    ms.push(performance.now() - s);
  }
  report(`audit.costs.p50.${days}d@${rowsLabel}`, percentile(ms, 50), 'ms');
}

await closeDb();
await dropScratch();
