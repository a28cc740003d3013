import { spawnSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { fakeModel } from './fake-model';
import { email, openNewChat, register, replies, signIn, signInAdmin, signOut } from './helpers';

const shots = 'test-results/screens';
const tag = Date.now().toString(36);



test('costs per persona, model, user and day; retention settings; a member deletes their data and the chain still verifies', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const mia = { name: `Mia Member ${tag}`, email: email('mia') };
  const personaName = `Ledger Lark ${tag}`;

  // A member has one priced conversation with her own persona (private: personas.spec expects an empty gallery):
  // 100 tokens in, 50 out; serve.ts prices compatible:fake-small at $0.01 / $0.02 per 1k tokens: $0.001 + $0.001.
  await register(page, mia);
  const res = await page.request.post('/api/personas', {
    data: {
      profile: { name: personaName, description: 'Counts everything.', greeting: 'Numbers, {{user}}?' },
      visibility: 'private',
      model: { modelId: 'compatible:fake-small' },
    },
  });
  expect(res.status()).toBe(201);
  const personaId = ((await res.json()) as { id: string }).id;
  await openNewChat(page, personaId);
  const answer = 'Seventeen gulls sat on the ledger.';
  await fakeModel.setScript({ text: answer, tokenDelayMs: 5, usage: { prompt_tokens: 100, completion_tokens: 50 } });
  await page.getByRole('textbox', { name: 'Message' }).fill('How many gulls on the quay?');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(replies(page).last()).toContainText(answer);
  await expect(replies(page).last()).toHaveAttribute('data-status', 'complete');
  const chatUrl = page.url();

  // Members have no cost dashboard.
  expect((await page.goto('/audit/costs'))?.status()).toBe(403);
  await signOut(page);

  // The admin opens the dashboard from the audit log and finds the call under its persona, user and model.
  await signInAdmin(page);
  await page.goto('/audit');
  await page.getByRole('link', { name: 'Costs and usage' }).click();
  await expect(page.getByRole('heading', { name: 'Costs and usage', level: 1 })).toBeVisible();
  const personaRow = page.getByRole('table', { name: 'By persona' }).getByRole('row').filter({ hasText: personaName });
  await expect(personaRow).toHaveText(new RegExp(`${personaName}\\s*1\\s*100\\s*50\\s*\\$0\\.002`));
  const userRow = page.getByRole('table', { name: 'By user' }).getByRole('row').filter({ hasText: mia.name });
  await expect(userRow).toHaveText(new RegExp(`${mia.name}\\s*1\\s*100\\s*50\\s*\\$0\\.002`));
  await expect(page.getByRole('table', { name: 'By model' })).toContainText('compatible:fake-small');
  // Newest day first: today's row (UTC) counts at least this call.
  const todayLabel = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date());
  const today = page.getByRole('table', { name: 'By day' }).getByRole('row').nth(1);
  await expect(today.getByRole('rowheader')).toHaveText(todayLabel);
  await expect(today.getByRole('cell').first()).not.toHaveText('0');
  await expect(page.getByRole('region', { name: 'Totals' })).toContainText('Estimated cost');
  await page.screenshot({ path: `${shots}/audit-costs.png`, fullPage: true });
  // A persona's name leads to its calls in the audit log.
  await personaRow.getByRole('link', { name: personaName }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?persona=${personaId}`));
  await expect(page.getByRole('table', { name: 'Model calls' }).getByRole('row')).toHaveCount(2);
  // A range with no calls says so.
  await page.goto('/audit/costs');
  await page.getByLabel('From', { exact: true }).fill('2020-01-01');
  await page.getByLabel('To', { exact: true }).fill('2020-01-31');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/from=2020-01-01&to=2020-01-31/);
  await expect(page.getByText('No model calls in this range')).toBeVisible();
  await page.screenshot({ path: `${shots}/audit-costs-empty.png`, fullPage: true });

  // Retention: the admin keeps audit text for 30 days, runs the purge (nothing is that old), then keeps it forever.
  await page.goto('/admin/users');
  await page.getByRole('link', { name: 'Retention' }).click();
  await expect(page.getByRole('heading', { name: 'Data retention', level: 1 })).toBeVisible();
  await expect(page.getByText('Prompt and reply text is kept for as long as the records: forever.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Erase expired content now' })).toBeDisabled();
  await page.getByLabel('Days to keep prompts and replies').fill('0');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('This value is out of range.')).toBeVisible();
  await page.getByLabel('Days to keep prompts and replies').fill('30');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Content older than 30 days will be erased.');
  await page.reload();
  await expect(page.getByText('Prompt and reply text is erased 30 days after the call.')).toBeVisible();
  await expect(page.getByLabel('Days to keep prompts and replies')).toHaveValue('30');
  await page.getByRole('button', { name: 'Erase expired content now' }).click();
  await expect(page.getByRole('status')).toContainText('Nothing older than');
  await page.screenshot({ path: `${shots}/admin-retention.png`, fullPage: true });
  await page.getByLabel('Days to keep prompts and replies').fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Content is now kept forever.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('Prompt and reply text is kept for as long as the records: forever.')).toBeVisible();
  await signOut(page);

  // Mia deletes her data from her account page: a confirmation first, and Cancel changes nothing.
  await signIn(page, mia);
  expect((await page.goto('/admin/retention'))?.status()).toBe(403);
  expect((await page.request.put('/api/admin/retention', { data: { days: 1 } })).status()).toBe(403);
  await page.goto('/personas');
  await page.getByTestId('current-user').click();
  await expect(page.getByRole('heading', { name: 'Your account', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Delete my data…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete all your message content?' });
  await expect(confirm).toBeVisible();
  await page.screenshot({ path: `${shots}/account-delete-confirm.png` });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await page.goto(chatUrl);
  await expect(replies(page).last()).toContainText(answer);

  await page.goto('/account');
  await page.getByRole('button', { name: 'Delete my data…' }).click();
  await confirm.getByRole('button', { name: 'Delete my data' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Done\. Erased 3 messages, \d+ memor(y|ies) and the content of 2 audit records\.$/);
  await page.screenshot({ path: `${shots}/account.png`, fullPage: true });

  // Her chat keeps its shape, every message erased; its title is the persona's name again.
  await page.goto(chatUrl);
  await expect(page.locator('article[data-role="user"]')).toContainText('This message was erased at your request.');
  await expect(replies(page).last()).toContainText('This message was erased at your request.');
  await expect(page.getByText(answer)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: personaName, level: 1 })).toBeVisible();
  // The reply's audit facts outlive its text.
  await replies(page).last().getByRole('button', { name: 'Details' }).click();
  await expect(page.getByRole('region', { name: 'How this reply was made' })).toContainText('compatible:fake-small');
  await page.screenshot({ path: `${shots}/chat-erased.png` });
  await signOut(page);

  // The audit record keeps its facts, says the content was erased, and the exported chain still verifies.
  await signInAdmin(page);
  await page.goto(`/audit?persona=${personaId}`);
  const table = page.getByRole('table', { name: 'Model calls' });
  await expect(table).toContainText('Content erased');
  await table.getByRole('link', { name: /^#\d+$/ }).click();
  await expect(page.getByRole('region', { name: 'Reply' })).toContainText('(erased at the user’s request)');
  await expect(page.getByRole('region', { name: 'Prompt' })).not.toContainText('gulls');
  await page.goto('/audit');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export JSONL' }).click()]);
  const file = test.info().outputPath('audit.jsonl');
  await download.saveAs(file);
  const verify = spawnSync('npm', ['run', '--silent', 'audit:verify', '--', '--file', file], { encoding: 'utf8' });
  expect(verify.stdout, verify.stderr).toMatch(/audit chain OK \(file\): \d+ records, last seq \d+, [1-9]\d* with content erased/);
  expect(verify.status).toBe(0);
});
