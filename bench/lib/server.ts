import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';

/** Builds the app once if there is no production build yet. */
export function ensureBuild(): void {
  if (fs.existsSync('.next/BUILD_ID')) return;
  const r = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('next build failed');
}

export type RunningServer = { url: string; proc: ChildProcess; stop: () => Promise<void> };

/** Starts `next start` with the given environment and waits until /api/health answers. */
export async function startServer(port: number, env: Record<string, string>): Promise<RunningServer> {
  // Node itself runs Next (no npx in between), so the process group is just the server; BENCH_NODE_ARGS can add
  // flags such as --cpu-prof for profiling.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, 'node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, AUTH_SECRET: "bench-secret-0123456789abcdef", ...env, NODE_ENV: "production" } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('server did not become healthy');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    proc,
    stop: async () => {
      try {
        process.kill(-proc.pid!, 'SIGTERM');
      } catch {}
      await new Promise((r) => setTimeout(r, 300));
    },
  };
}

/** Time from sending a GET to receiving the response's first byte (headers), in ms. */
export function ttfb(url: string, cookie?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { headers: cookie ? { cookie } : {}, agent: false }, (res) => {
      res.once('data', () => {
        resolve(performance.now() - t0);
        res.destroy();
      });
      res.once('end', () => resolve(performance.now() - t0));
    });
    req.on('error', reject);
  });
}

/** Registers a user through the API and returns the session cookie header. */
export async function registerAndGetCookie(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, name: 'Bench', password: 'password123' }),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
