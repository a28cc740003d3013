/**
 * Time to first byte of an authenticated page (/personas: session check + database read) on the embedded and on
 * the real database, against a prerendered static route served by the same server as the baseline.
 */
import fs from 'node:fs';
import postgres from 'postgres';
import { percentile, report } from './lib/report';
import { ensureBuild, registerAndGetCookie, startServer, ttfb } from './lib/server';

const N = Number(process.env.BENCH_TTFB_REQUESTS ?? 200);

async function measure(label: string, env: Record<string, string>, port: number) {
  const server = await startServer(port, env);
  try {
    const cookie = await registerAndGetCookie(server.url, `bench-${Date.now()}@example.test`);
    // Warm both paths so we measure steady state, not first compilation of a route.
    for (let i = 0; i < 20; i++) {
      await ttfb(`${server.url}/personas`, cookie);
      await ttfb(`${server.url}/static-baseline`);
    }
    const page: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < N; i++) {
      base.push(await ttfb(`${server.url}/static-baseline`));
      page.push(await ttfb(`${server.url}/personas`, cookie));
    }
    report(`ttfb.authenticated_page.${label}.p50`, percentile(page, 50), 'ms', percentile(base, 50));
    report(`ttfb.authenticated_page.${label}.p99`, percentile(page, 99), 'ms', percentile(base, 99));
  } finally {
    await server.stop();
  }
}

ensureBuild();
const dir = `.data/bench-ttfb-${process.pid}`;
try {
  await measure('pglite', { DATABASE_URL: '', PGLITE_DIR: dir }, 3301);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const pgUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = `persona_bench_${process.pid}`;
const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
try {
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  await measure('postgres', { DATABASE_URL: url.toString() }, 3302);
} catch (err) {
  console.log(`ttfb.authenticated_page.postgres: skipped (${(err as Error).message})`);
} finally {
  await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
  await admin.end();
}
