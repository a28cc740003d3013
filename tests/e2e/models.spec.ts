import { expect, test } from '@playwright/test';
import { fakeModel } from './fake-model';
import { email, register, signInAdmin, signOut } from './helpers';

test('an admin sees which models are available and why not, and sets the default; members may not', async ({ page }) => {
  await fakeModel.reset();
  await signInAdmin(page);

  await page.goto('/admin/models');
  await expect(page.getByRole('heading', { name: 'Models', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Models' });
  const offlineRow = table.getByRole('row').filter({ hasText: 'offline:persona-1' });
  await expect(offlineRow.getByRole('rowheader')).toContainText('offline model');
  await expect(offlineRow).toContainText('Available');
  await expect(offlineRow).toContainText('Default');

  // No key: OpenAI is listed as unavailable with the reason. The fake server's /models feeds the compatible list.
  const providers = page.getByRole('list', { name: 'Providers' });
  await expect(providers.getByRole('listitem', { name: 'OpenAI', exact: true })).toContainText('Set OPENAI_API_KEY');
  await expect(providers.getByRole('listitem', { name: 'OpenAI-compatible server' })).toContainText('Available');
  await expect(table.getByRole('row').filter({ hasText: 'openai:gpt-4o-mini' })).toContainText('Unavailable');
  const fakeRow = table.getByRole('row').filter({ hasText: 'compatible:fake-small' });
  await expect(fakeRow).toContainText('Available');
  await expect(fakeRow).not.toContainText('Default');

  // Choose the fake model as default; it sticks across a reload.
  await page.getByLabel('Default model').selectOption('compatible:fake-small');
  await page.getByRole('button', { name: 'Save default' }).click();
  await expect(page.getByRole('status')).toHaveText('Default model saved.');
  await page.reload();
  await expect(fakeRow).toContainText('Default');
  await expect(offlineRow).not.toContainText('Default');
  await expect(page.getByLabel('Default model')).toHaveValue('compatible:fake-small');

  // In Chinese the offline model keeps its plain name.
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('table', { name: '模型' }).getByRole('row').filter({ hasText: 'offline:persona-1' })).toContainText(
    '离线模型',
  );
  await page.getByLabel('语言').selectOption('en');

  // Put the default back so later journeys chat with the offline model.
  await page.getByLabel('Default model').selectOption('offline:persona-1');
  await page.getByRole('button', { name: 'Save default' }).click();
  await expect(page.getByRole('status')).toHaveText('Default model saved.');
  await signOut(page);

  // A member is refused the page and the API.
  await register(page, { name: 'Mo Member', email: email('models-member') });
  const refused = await page.goto('/admin/models');
  expect(refused?.status()).toBe(403);
  const api = await page.request.put('/api/admin/models/default', { data: { modelId: 'offline:persona-1' } });
  expect(api.status()).toBe(403);
  const list = await page.request.get('/api/models');
  expect(list.status()).toBe(200);
  const body = (await list.json()) as { defaultModelId: string; models: { id: string }[] };
  expect(body.defaultModelId).toBe('offline:persona-1');
  expect(body.models.map((m) => m.id)).toEqual(['offline:persona-1', 'compatible:fake-large', 'compatible:fake-small']);
});
