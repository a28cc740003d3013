import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { email, register, signIn, signOut } from './helpers';

/** The e2e database (serve.ts makes `<db>_e2e`); reachable from here only on PostgreSQL — PGlite belongs to the app. */
function e2eUrl(): string | null {
  if (!process.env.DATABASE_URL) return null;
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${url.pathname.slice(1) || 'persona'}_e2e`;
  return url.toString();
}

test('an auditor finds a call, reads it and flags it; the owner resolves it; the JSONL export verifies offline', async ({ page }) => {
  const url = e2eUrl();
  test.skip(!url, 'seeding model calls needs DATABASE_URL (the chat route that records them is not on this branch)');
  test.setTimeout(120_000);
  const auditor = { name: 'Ada Auditor', email: email('auditor') };
  const owner = { name: 'Olga Owner', email: email('owner') };
  const member = { name: 'Mo Member', email: email('member') };
  for (const u of [auditor, owner, member]) {
    await register(page, u);
    await signOut(page);
  }
  const sql = postgres(url!, { max: 1, onnotice: () => {} });
  await sql`update users set role = 'auditor' where email = ${auditor.email}`;
  const ids = Object.fromEntries(
    (await sql`select email, id from users where email in ${sql([owner.email, member.email])}`).map((r) => [r.email, r.id as string]),
  );
  await sql.end();
  const seeded = spawnSync('npx', ['tsx', 'tests/e2e/seed-audit.ts', ids[member.email]!, ids[owner.email]!, randomUUID()], {
    env: { ...process.env, DATABASE_URL: url! },
    encoding: 'utf8',
  });
  expect(seeded.status, seeded.stderr).toBe(0);

  // The auditor finds the call by full-text search, opens it, sees prompt and reply, and flags it.
  await signIn(page, auditor);
  await page.getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Model calls' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await page.getByLabel('Search prompts and replies').fill('lighthouse');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/q=lighthouse/);
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('The lighthouse keeper lives by the northern pier.');
  await expect(table).toContainText('Mo Member');
  await table.getByRole('link', { name: /^#\d+$/ }).click();
  await expect(page.getByRole('heading', { name: /^Record \d+$/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Prompt' })).toContainText('Where does the lighthouse keeper live?');
  await expect(page.getByRole('region', { name: 'Reply' })).toContainText('The lighthouse keeper lives by the northern pier.');
  await page.getByLabel('Reason').fill('Gives out where a private person lives');
  await page.getByRole('button', { name: 'Flag and notify the owner' }).click();
  await expect(page.getByRole('status')).toHaveText('Flagged. The owner has been notified.');
  await expect(page.getByRole('region', { name: 'Incidents on this call' })).toContainText('Gives out where a private person lives');
  await signOut(page);

  // The owner sees it in their inbox and resolves it with a note and the persona version that fixes it.
  await signIn(page, owner);
  await page.getByRole('link', { name: 'Incidents' }).click();
  await expect(page.getByText('Reason: Gives out where a private person lives')).toBeVisible();
  await page.getByLabel('Resolution note').fill('The persona no longer gives addresses.');
  await page.getByLabel('Fixed in persona version').fill('2');
  await page.getByRole('button', { name: 'Resolve incident' }).click();
  await expect(page.getByText('Fixed in persona version 2')).toBeVisible();
  await expect(page.getByText('Resolved', { exact: true })).toBeVisible();
  // Members and owners do not get the audit log itself.
  await page.goto('/audit');
  await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
  await signOut(page);

  // The auditor sees the flag in the list and exports the chain, which verifies offline.
  await signIn(page, auditor);
  await page.goto('/audit?flagged=1');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('Flagged');
  await page.goto('/audit');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export JSONL' }).click()]);
  const file = test.info().outputPath('audit.jsonl');
  await download.saveAs(file);
  const verify = spawnSync('npx', ['tsx', 'scripts/audit-verify.ts', '--file', file], { encoding: 'utf8' });
  expect(verify.stdout).toContain('audit chain OK (file)');
  expect(verify.status).toBe(0);
});
