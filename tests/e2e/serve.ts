/**
 * Starts the production build for the browser tests on a fresh, empty database: a new database on the server
 * named by DATABASE_URL when it is set, otherwise a new PGlite data dir. The fake model server starts beside it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import postgres from 'postgres';
import { startFakeOpenAI } from '../fixtures/fake-openai';

const port = process.env.E2E_PORT ?? '3210';
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  AUTH_SECRET: 'e2e-secret-not-for-production-0123456789',
  NODE_ENV: 'production',
};

if (process.env.DATABASE_URL) {
  const url = new URL(process.env.DATABASE_URL);
  const name = `${url.pathname.slice(1) || 'persona'}_e2e`;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
} else {
  const dir = '.data/e2e-pglite';
  fs.rmSync(dir, { recursive: true, force: true });
  env.PGLITE_DIR = dir;
}

// The app's OpenAI-compatible provider points at the fake model server; tests drive it at E2E_FAKE_PORT
// (default: the app's port + 1) through tests/e2e/fake-model.ts.
const fake = await startFakeOpenAI({ port: Number(process.env.E2E_FAKE_PORT ?? Number(port) + 1) });
env.OPENAI_COMPATIBLE_BASE_URL = fake.baseURL;
// A price for the small fake model, so the cost dashboard has real sums to show (other models keep their defaults).
env.MODEL_PRICES_JSON ??= JSON.stringify({ 'compatible:fake-small': { input: 0.01, output: 0.02 } });
// Provider errors are asserted as the user sees them; the SDK's back-off retries would only slow the tests down.
env.CHAT_PROVIDER_RETRIES ??= '0';

const server = spawn('npx', ['next', 'start', '-p', port, '-H', '127.0.0.1'], { env, stdio: 'inherit' });
const stop = () => {
  server.kill('SIGTERM');
  void fake.stop();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.on('exit', (code) => process.exit(code ?? 0));
