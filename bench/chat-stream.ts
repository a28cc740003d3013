/**
 * bench/chat-stream — the chat route's cost over the model, against the fake OpenAI server with a fixed script
 * (first token at once, then 20 tokens 5 ms apart), all in one run:
 *  - added time to first token at concurrency 1 (chat route minus a direct call to the fake server), beside the
 *    framework floor (a bare route streaming the same model with no session, database or prompt work);
 *  - the highest sustained rate of turns/s with 0 errors, and the server's CPU ms per turn;
 *  - added time to first token at an open-loop arrival rate of half that rate;
 *  - the chat page's first-load JavaScript (gzip bytes of the scripts it loads).
 * Runs on PostgreSQL (DATABASE_URL, or the local server's `test` database to create a fresh one).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import postgres from 'postgres';
import { startFakeOpenAI } from '../tests/fixtures/fake-openai';
import { percentile, report } from './lib/report';
import { ensureBuild, registerAndGetCookie, startServer } from './lib/server';

const SAMPLES = Number(process.env.BENCH_CHAT_SAMPLES ?? 200);
const STEP_SECONDS = Number(process.env.BENCH_CHAT_STEP_SECONDS ?? 4);
const tokens = ['Hello', ...Array.from({ length: 20 }, (_, i) => ` w${i}`)];

ensureBuild();
// json: what memory extraction's structured-output call gets back (nothing worth remembering).
const fake = await startFakeOpenAI({ script: { tokens, tokenDelayMs: 5, firstTokenDelayMs: 0, json: '{"operations":[]}' } });
const pgUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `persona_bench_chat_${process.pid}`;
const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
const url = new URL(pgUrl);
url.pathname = `/${dbName}`;
const port = 3303;
const server = await startServer(port, {
  DATABASE_URL: url.toString(),
  OPENAI_COMPATIBLE_BASE_URL: fake.baseURL,
  OPENAI_COMPATIBLE_MODELS: 'fake-small',
  CHAT_RATE_LIMIT_PER_MINUTE: '1000000',
  CHAT_PROVIDER_RETRIES: '0',
  BENCH_ROUTES: '1',
});

try {
  const cookie = await registerAndGetCookie(server.url, `bench-chat-${Date.now()}@example.test`);
  const api = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
  const persona = (await (
    await api('/api/personas', {
      profile: { name: 'Bench', description: 'A persona for benchmarks.', greeting: 'Hello!' },
      model: { modelId: 'compatible:fake-small' },
    })
  ).json()) as { id: string };
  const chats: { id: string; greeting: string }[] = [];
  for (let i = 0; i < 64; i++) {
    const { chat } = (await (await api('/api/chats', { personaId: persona.id })).json()) as { chat: { id: string } };
    const tree = (await (await fetch(`${server.url}/api/chats/${chat.id}`, { headers: { cookie } })).json()) as { activeLeafId: string };
    chats.push({ id: chat.id, greeting: tree.activeLeafId });
  }
  let next = 0;

  /** One request; resolves with ms to the first streamed text, then drains the stream. */
  async function timeToFirstText(send: () => Promise<Response>, marker: string): Promise<number> {
    const t0 = performance.now();
    const res = await send();
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = '';
    let first = NaN;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (Number.isNaN(first)) {
        buf += dec.decode(value, { stream: true });
        if (buf.includes(marker)) first = performance.now() - t0;
      }
      if (buf.includes('"type":"error"')) throw new Error('stream error');
    }
    if (Number.isNaN(first)) throw new Error('no text');
    return first;
  }
  const direct = () =>
    timeToFirstText(
      () => fetch(`${fake.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'fake-small', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      }),
      '"content":"Hello"',
    );
  const bare = () => timeToFirstText(() => fetch(`${server.url}/api/bench/stream`, { method: 'POST', body: '{}' }), '"delta":"Hello');
  const chatTurn = () => {
    const c = chats[next++ % chats.length]!;
    return timeToFirstText(() => api('/api/chat', { action: 'send', chatId: c.id, parentId: c.greeting, text: 'Hello there' }), '"delta":"Hello');
  };

  // Warm every path (route compilation, connection pools, JIT).
  for (let i = 0; i < 30; i++) {
    await direct();
    await bare();
    await chatTurn();
  }
  const d: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    d.push(await direct());
    b.push(await bare());
    c.push(await chatTurn());
  }
  const dp50 = percentile(d, 50);
  const dp99 = percentile(d, 99);
  const bareAdded50 = percentile(b, 50) - dp50;
  const bareAdded99 = percentile(b, 99) - dp99;
  report('chat.added_ttft.c1.p50', percentile(c, 50) - dp50, 'ms', bareAdded50);
  report('chat.added_ttft.c1.p99', percentile(c, 99) - dp99, 'ms', bareAdded99);
  report('chat.direct_ttft.c1.p50', dp50, 'ms');

  // Highest sustained closed-loop rate with no errors; CPU of the server's process group per turn. The bare
  // route, measured the same way, is the baseline.
  async function maxRate(label: string, turn: () => Promise<number>) {
    let best = { rate: 0, cpuMsPerTurn: 0 };
    for (const concurrency of [1, 2, 4, 8, 16, 32, 64]) {
      const cpu0 = groupCpuMs(server.proc.pid!);
      const until = performance.now() + STEP_SECONDS * 1000;
      let done = 0;
      let errors = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < until) {
            try {
              await turn();
              done++;
            } catch {
              errors++;
            }
          }
        }),
      );
      const rate = done / STEP_SECONDS;
      const cpuMsPerTurn = (groupCpuMs(server.proc.pid!) - cpu0) / Math.max(1, done);
      console.log(`  ${label} concurrency ${concurrency}: ${rate.toFixed(1)} turns/s, ${errors} errors, ${cpuMsPerTurn.toFixed(1)} ms CPU/turn`);
      if (errors > 0) break;
      if (rate > best.rate * 1.05) best = { rate, cpuMsPerTurn };
      else break; // saturated
    }
    return best;
  }
  const bareBest = await maxRate('bare', bare);
  const best = await maxRate('chat', chatTurn);
  report('chat.max_sustained_rate', best.rate, 'turns/s', bareBest.rate);
  report('chat.cpu_per_turn', best.cpuMsPerTurn, 'ms', bareBest.cpuMsPerTurn);

  // Open loop at half the best rate: arrivals on a fixed schedule, whatever the server is doing.
  const rate = best.rate / 2;
  const openSamples: number[] = [];
  let openErrors = 0;
  const arrivals = Math.max(20, Math.round(rate * STEP_SECONDS));
  const start = performance.now();
  await Promise.all(
    Array.from({ length: arrivals }, async (_, i) => {
      const at = start + (i * 1000) / rate;
      await new Promise((r) => setTimeout(r, Math.max(0, at - performance.now())));
      try {
        openSamples.push(await chatTurn());
      } catch {
        openErrors++;
      }
    }),
  );
  report(`chat.added_ttft.open_loop_${rate.toFixed(0)}rps.p50`, percentile(openSamples, 50) - dp50, 'ms', bareAdded50);
  report(`chat.added_ttft.open_loop_${rate.toFixed(0)}rps.p99`, percentile(openSamples, 99) - dp99, 'ms', bareAdded99);
  if (openErrors) console.log(`  open loop errors: ${openErrors}`);

  // First-load JavaScript of the chat page.
  const html = await (await fetch(`${server.url}/chats/${chats[0]!.id}`, { headers: { cookie } })).text();
  const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!))];
  let gz = 0;
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(new URL(src, server.url))).arrayBuffer());
    gz += zlib.gzipSync(body).length;
  }
  report('chat.page_first_load_js', gz / 1024, 'KB gzip', 250);
} finally {
  await server.stop();
  await fake.stop();
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`).catch(() => {});
  await admin.end();
}

/** utime + stime of every process in the server's process group, in ms. */
function groupCpuMs(pgid: number): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue; // pgrp
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {}
  }
  return total;
}
