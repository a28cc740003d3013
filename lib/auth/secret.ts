import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * AUTH_SECRET signs session cookies. A newcomer running on the embedded defaults has none, so one is generated
 * once and kept under .data/, which keeps sessions valid across restarts. Several instances must share one:
 * set AUTH_SECRET explicitly there (README).
 */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.resolve(/*turbopackIgnore: true*/ process.cwd(), '.data/auth-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}
