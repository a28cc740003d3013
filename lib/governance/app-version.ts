import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/**
 * `<package version>+<git commit>`, read once per process and written into every audit record, so a record says
 * which code produced it. The commit comes from GIT_COMMIT when the deployment sets it (no .git in an image),
 * else from git itself.
 */
export function appVersion(): string {
  if (cached) return cached;
  let version = '0.0.0';
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(/*turbopackIgnore: true*/ process.cwd(), 'package.json'), 'utf8'));
    version = String(pkg.version ?? version);
  } catch {}
  let commit = process.env.GIT_COMMIT?.trim() || '';
  if (!commit) {
    try {
      commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 })
        .toString()
        .trim();
    } catch {
      commit = 'unknown';
    }
  }
  cached = `${version}+${commit}`;
  return cached;
}
