// npm run bench — runs every benchmark in bench/ (each prints `name: value unit (baseline: value, ratio: x)`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const only = process.argv[2];
const dir = path.dirname(new URL(import.meta.url).pathname);
const scripts = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .filter((f) => !only || f.startsWith(only))
  .sort();

let failed = 0;
for (const script of scripts) {
  console.log(`# ${script}`);
  const result = spawnSync('npx', ['tsx', path.join(dir, script)], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
