// Takes screenshots of the main pages of a running app, for review and for README's picture.
// Usage: BASE_URL=http://127.0.0.1:3100 npx tsx scripts/screenshots.ts <out-dir> [path ...]
import { chromium } from '@playwright/test';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const out = process.argv[2] ?? 'docs/screens';
const paths = process.argv.slice(3);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
if (process.env.SCREENSHOT_EMAIL) {
  await page.goto(`${base}/signin`);
  await page.getByLabel('Email').fill(process.env.SCREENSHOT_EMAIL);
  await page.getByLabel('Password').fill(process.env.SCREENSHOT_PASSWORD ?? 'password123');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/personas/);
}
for (const p of paths) {
  await page.goto(`${base}${p}`);
  await page.waitForLoadState('networkidle');
  const name = p.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
  console.log(`${out}/${name}.png`);
}
await browser.close();
