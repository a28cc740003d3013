// npx tsx bench/memory-recall.ts — recall latency (p50/p99) for one (persona, user) pair holding 1k, 10k and 100k
// memories, against a plain indexed lookup of the pinned memories as the baseline. Runs on PGlite (in memory) and,
// when DATABASE_URL is set, on PostgreSQL too (it adds one user with its memories there and deletes it after).
// Recall is awaited before the model is called, so its latency is the time it adds to a chat turn.
// Options (env): BENCH_SIZES=1000,10000,100000  BENCH_ITERATIONS=300  BENCH_EXPLAIN=1 (print the plans at the end)
// BENCH_KEEP=1 (keep the bench user and its memories on PostgreSQL, to study plans with psql)
// BENCH_ENGINES=pglite,postgres (which engines to run).
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { memories, personas, users } from '../db/schema';
import { selectRecallCandidates } from '../lib/memory/search-queries';
import { recallMemories } from '../lib/memory/recall';
import { searchDocument } from '../lib/memory/tokens';
import { createPersona } from '../lib/personas/mutations';
import { savePersonaBodySchema } from '../lib/personas/profile';
import { percentile, report } from './lib/report';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const PINNED = 20;
const TOKEN_BUDGET = 400;

// A seeded generator (mulberry32), so every run stores and asks the same things. Not an LCG: consecutive LCG
// values are correlated, which tied the commonest words to the oldest memories.
let seed = 42;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
// Zipf-like choice: a few words are very common, most are rare — as in what people tell a companion.
const zipf = <T>(list: T[]) => list[Math.min(list.length - 1, Math.floor(list.length * rand() ** 3))]!;

const syllables = ['ka', 'lo', 'mi', 'ren', 'sa', 'to', 'vi', 'ne', 'ru', 'pa', 'dor', 'li', 'ma', 'zen', 'qu', 'fa'];
const word = () => Array.from({ length: 2 + Math.floor(rand() * 2) }, () => syllables[Math.floor(rand() * 16)]).join('');
const nouns = Array.from({ length: 4000 }, word);
const places = Array.from({ length: 600 }, () => word().replace(/^./, (c) => c.toUpperCase()));
// Real words, which Intl.Segmenter keeps whole, as it does in what people write.
const zhWords = (
  '咖啡 音乐 电影 旅行 书法 足球 篮球 火锅 茶叶 钢琴 吉他 画画 跑步 游泳 爬山 摄影 烹饪 烘焙 小说 诗歌 历史 哲学 数学 物理 ' +
  '化学 编程 游戏 动漫 电视剧 综艺 相声 京剧 舞蹈 瑜伽 滑雪 钓鱼 露营 骑行 围棋 象棋 桥牌 猫咪 小狗 兔子 金鱼 花园 植物 多肉 ' +
  '月季 茉莉 绿茶 红茶 啤酒 葡萄酒 饺子 包子 面条 米饭 寿司 披萨 汉堡 沙拉 水果 西瓜 苹果 香蕉 草莓 芒果 巧克力 冰淇淋 蛋糕 ' +
  '奶茶 豆浆 油条 北京 上海 广州 深圳 成都 杭州 南京 西安 重庆 武汉 天津 苏州 厦门 青岛 大连 昆明 拉萨 香港 台北 东京 巴黎 ' +
  '伦敦 纽约 里斯本 医生 老师 护士 律师 工程师 设计师 厨师 作家 记者 画家'
).split(' ');
const templates: Array<() => string> = [
  () => `The user likes ${zipf(nouns)}`,
  () => `The user doesn't like ${zipf(nouns)}`,
  () => `The user lives in ${zipf(places)}`,
  () => `The user's favourite ${zipf(nouns)} is ${zipf(nouns)}`,
  () => `The user went to ${zipf(places)} with ${zipf(nouns)} and ${zipf(nouns)}`,
  () => `The user recently bought a ${zipf(nouns)} ${zipf(nouns)}`,
  () => `The user works as a ${zipf(nouns)} in ${zipf(places)}`,
  () => `用户喜欢${zipf(zhWords)}和${zipf(zhWords)}`,
  () => `用户住在${zipf(places)}，常去${zipf(zhWords)}`,
];
const memoryText = () => templates[Math.floor(rand() * templates.length)]!();
export const recentText = () =>
  `I was thinking about ${zipf(nouns)} and ${zipf(places)} yesterday. ` +
  `Do you remember what I said about ${zipf(nouns)}? 我们聊过${zipf(zhWords)}吗？ Anyway, ${zipf(nouns)} is on my mind.`;

export async function openPglite(): Promise<{ db: Db; close: () => Promise<void> }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const schema = await import('../db/schema');
  const client = await PGlite.create('memory://');
  const db = drizzle(client, { schema }) as unknown as Db;
  const { migratePglite } = await import('../db/migrate');
  await migratePglite(db);
  return { db, close: () => client.close() };
}

export async function openPostgres(url: string): Promise<{ db: Db; close: () => Promise<void> }> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const schema = await import('../db/schema');
  const client = postgres(url, { max: 2, onnotice: () => {} });
  const db = drizzle(client, { schema });
  const { migratePostgres } = await import('../db/migrate');
  await migratePostgres(db, client);
  return { db, close: () => client.end({ timeout: 5 }) };
}

export async function fill(db: Db, pair: { userId: string; personaId: string }, from: number, to: number, engine = 'pglite') {
  const now = Date.now();
  for (let start = from; start < to; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, to - start) }, (_, i) => {
      const text = memoryText();
      return {
        ...pair,
        text,
        kind: 'user_fact' as const,
        importance: 1 + Math.floor(rand() ** 1.5 * 5),
        pinned: start + i < PINNED,
        searchTokens: sql`to_tsvector('simple', ${searchDocument(text)})`,
        updatedAt: new Date(now - Math.floor(rand() * 730 * 86_400_000)),
      };
    });
    await db.insert(memories).values(rows);
  }
  // PostgreSQL as autovacuum leaves it (dead rows of earlier runs gone, statistics fresh). PGlite as it runs in
  // the app: it has no autovacuum, so nothing is vacuumed or analyzed there.
  if (engine === 'postgres') await db.execute(sql`vacuum analyze memories`);
}

/**
 * Wall time per call, and the process's CPU time per call: PGlite runs in this process, so its CPU time is the work
 * a query does, whatever else the (shared) machine is doing; wall time also counts waiting for a core.
 */
export async function time(
  iterations: number,
  fn: (i: number) => Promise<unknown>,
  warmup = 50,
): Promise<{ wall: number[]; cpu: number[] }> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn(i);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall, cpu };
}

const label = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

/**
 * One bench user and persona, reused across runs (personas cannot be hard-deleted: their versions are immutable);
 * only their memories come and go.
 */
async function benchPair(db: Db): Promise<{ userId: string; personaId: string }> {
  const email = 'bench-memory@example.test';
  const [found] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const user =
    found ?? (await db.insert(users).values({ email, name: 'Bench', passwordHash: null }).returning({ id: users.id }))[0]!;
  const [owned] = await db.select({ id: personas.id }).from(personas).where(eq(personas.ownerId, user.id)).limit(1);
  const persona = owned ?? (await createPersona(db, user, savePersonaBodySchema.parse({ profile: { name: 'Bench' } })));
  const pair = { userId: user.id, personaId: persona.id };
  await clear(db, pair);
  return pair;
}

const clear = (db: Db, p: { userId: string; personaId: string }) =>
  db.delete(memories).where(and(eq(memories.userId, p.userId), eq(memories.personaId, p.personaId)));

async function benchEngine(engine: string, db: Db) {
  const pair = await benchPair(db);
  const queries = Array.from({ length: 50 }, recentText);
  let held = 0;
  try {
    for (const [n, size] of SIZES.entries()) {
      await fill(db, pair, held, size, engine);
      held = size;
      // The first round also warms the engine up (V8 compiles PGlite's WebAssembly in tiers as it runs).
      const warmup = n === 0 ? 300 : 50;
      const baseline = await time(
        ITERATIONS,
        () =>
          db.execute(sql`select id, text from memories
          where persona_id = ${pair.personaId} and user_id = ${pair.userId} and pinned and deleted_at is null
          order by updated_at desc limit 50`),
        warmup,
      );
      const recall = await time(
        ITERATIONS,
        (i) => recallMemories({ ...pair, recentText: queries[i % queries.length]!, tokenBudget: TOKEN_BUDGET }, { db }),
        warmup,
      );
      for (const p of [50, 99]) {
        const name = `memory-recall.${engine}.${label(size)}`;
        report(`${name}.p${p}`, percentile(recall.wall, p), 'ms', percentile(baseline.wall, p));
        if (engine === 'pglite') report(`${name}.cpu-p${p}`, percentile(recall.cpu, p), 'ms', percentile(baseline.cpu, p));
      }
    }
    if (process.env.BENCH_EXPLAIN) await explain(db, pair, queries[0]!);
  } finally {
    if (process.env.BENCH_KEEP) console.log(`kept: user ${pair.userId}, persona ${pair.personaId}`);
    else await clear(db, pair);
  }
}

async function explain(db: Db, pair: { userId: string; personaId: string }, text: string) {
  const original = db.execute.bind(db);
  // Run recall's main statement under EXPLAIN by wrapping execute (the term lookup goes through the builder).
  (db as { execute: Db['execute'] }).execute = ((q: Parameters<Db['execute']>[0]) =>
    original(sql`explain (analyze, buffers) ${q}`)) as Db['execute'];
  try {
    const { rows } = await selectRecallCandidates(db, pair, text);
    for (const line of rows as unknown as Array<Record<string, string>>) console.log(Object.values(line)[0]);
  } finally {
    (db as { execute: Db['execute'] }).execute = original;
  }
}

async function main() {
  const [l1, l5] = (await import('node:os')).loadavg();
  console.log(`# ${ITERATIONS} recalls per size, load average ${l1!.toFixed(1)} / ${l5!.toFixed(1)} on ${(await import('node:os')).cpus().length} cores`);
  const only = process.env.BENCH_ENGINES?.split(',');
  const engines: Array<[string, () => Promise<{ db: Db; close: () => Promise<void> }>]> = [['pglite', openPglite]];
  if (process.env.DATABASE_URL) engines.push(['postgres', () => openPostgres(process.env.DATABASE_URL!)]);
  for (const [i, [name]] of [...engines.entries()].reverse()) if (only && !only.includes(name)) engines.splice(i, 1);
  for (const [name, open] of engines) {
    seed = 42;
    const { db, close } = await open();
    try {
      await benchEngine(name, db);
    } finally {
      await close();
    }
  }
}

// Run when executed, not when imported (scratch scripts reuse the generator and the fill).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
