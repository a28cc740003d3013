import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3210);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function browserUse() {
  return {
    ...devices['Desktop Chrome'],
    launchOptions: {
      // Debian's Chromium when present; elsewhere Playwright's own browser.
      ...(fs.existsSync(chromium) ? { executablePath: chromium } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  };
}

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The journeys share one fresh database and build on accounts they create; run them in order.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: process.env.E2E_REPORT ?? 'reports/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  // The foundation journey needs the empty database (its first account becomes admin), so it runs first.
  projects: [
    { name: 'foundation', testMatch: /foundation\.spec\.ts/, use: browserUse() },
    { name: 'chromium', testIgnore: /foundation\.spec\.ts/, dependencies: ['foundation'], use: browserUse() },
  ],
  webServer: {
    command: 'npx tsx tests/e2e/serve.ts',
    // The health route opens (and migrates) the database, so tests start only once it is ready.
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { E2E_PORT: String(port) },
  },
});
