import { expect, test, type Page } from '@playwright/test';
import { email, register } from './helpers';

const shots = 'test-results/screens';

const labels = {
  en: { startChat: 'Start chat', understood: 'I understand', message: 'Message', delete: 'Delete', confirmDelete: 'Yes, delete' },
  zh: { startChat: '开始对话', understood: '我已了解', message: '消息', delete: '删除', confirmDelete: '确定删除' },
};
type Labels = (typeof labels)['en'];

async function createOfflinePersona(page: Page, name: string) {
  const res = await page.request.post('/api/personas', {
    data: {
      profile: { name, description: 'A retired sea captain.', greeting: 'Ahoy!' },
      visibility: 'private',
      model: { modelId: 'offline:persona-1' },
    },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const replies = (page: Page) => page.locator('article[data-role="assistant"]');

async function openNewChat(page: Page, personaId: string, l: Labels) {
  await page.goto(`/personas/${personaId}`);
  await page.getByRole('link', { name: l.startChat }).click();
  await page.getByRole('button', { name: l.startChat }).click();
  await expect(page).toHaveURL(/\/chats\/[0-9a-f-]{36}$/);
  await expect(replies(page)).toHaveCount(1); // the greeting
  const understood = page.getByRole('button', { name: l.understood });
  if (await understood.isVisible().catch(() => false)) await understood.click();
}

/** Sends one message and returns the reply once it has finished streaming (not the greeting before it). */
async function send(page: Page, text: string, l: Labels) {
  const before = await replies(page).count();
  const input = page.getByRole('textbox', { name: l.message });
  await input.fill(text);
  await input.press('Enter');
  await expect(replies(page)).toHaveCount(before + 1);
  const reply = replies(page).last();
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 20_000 });
  return reply;
}

/** What the persona remembers about the signed-in user, straight from the API. */
async function remembered(page: Page, personaId: string): Promise<string[]> {
  const res = await page.request.get(`/api/memory/personas/${personaId}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: { text: string }[] }).items.map((m) => m.text);
}

// Extraction runs after the reply is stored (Next's after()): wait for it instead of sleeping.
const pollRemembered = (page: Page, personaId: string) =>
  expect.poll(() => remembered(page, personaId), { timeout: 15_000 });

const memoryItem = (page: Page, text: string) => page.getByRole('listitem').filter({ hasText: text });

test('a persona remembers across chats; deleting the memory makes it forget (English)', async ({ page }) => {
  await register(page, { name: 'Ada', email: email('mem-en') });
  const personaId = await createOfflinePersona(page, 'Captain Mira');
  const l = labels.en;

  await openNewChat(page, personaId, l);
  await send(page, 'my name is Ada and I live in Lisbon', l);
  await pollRemembered(page, personaId).toEqual(expect.arrayContaining(['The user lives in Lisbon', "The user's name is Ada"]));

  // A new chat with the same persona knows where the user lives.
  await openNewChat(page, personaId, l);
  await expect(await send(page, 'where do I live?', l)).toContainText('Lisbon');

  // The chat header leads to what the persona remembers; the fact is there, and goes.
  await page.screenshot({ path: `${shots}/memory-chat-link.png` });
  await page.getByRole('link', { name: 'What Captain Mira remembers' }).click();
  await expect(page).toHaveURL(`/memory/${personaId}`);
  await expect(page.getByRole('heading', { name: 'What Captain Mira remembers' })).toBeVisible();
  await expect(page.getByText('Deleting a chat does not delete these memories.')).toBeVisible();
  const home = memoryItem(page, 'The user lives in Lisbon');
  await expect(home.getByText('About you')).toBeVisible();
  await page.screenshot({ path: `${shots}/memory-persona.png`, fullPage: true });
  const search = page.getByRole('searchbox', { name: 'Search memories' });
  await search.fill('lisb');
  await expect(page.getByRole('listitem')).toHaveCount(1);
  await expect(home).toBeVisible();
  await search.fill('Berlin');
  await expect(page.getByText('No memory matches “Berlin”.')).toBeVisible();
  await search.fill('');
  await expect(page.getByRole('listitem')).toHaveCount(2);
  await home.getByRole('button', { name: l.delete }).click();
  await page.screenshot({ path: `${shots}/memory-delete-confirm.png` });
  await home.getByRole('button', { name: l.confirmDelete }).click();
  await expect(page.getByText('Memory deleted.')).toBeVisible();
  await expect(memoryItem(page, 'The user lives in Lisbon')).toHaveCount(0);
  await page.reload();
  await expect(memoryItem(page, "The user's name is Ada")).toBeVisible();
  await expect(memoryItem(page, 'The user lives in Lisbon')).toHaveCount(0);

  // A new chat no longer knows it.
  await openNewChat(page, personaId, l);
  await expect(await send(page, 'where do I live?', l)).not.toContainText('Lisbon');

  // The overview lists the persona with its count.
  await page.goto('/memory');
  const entry = page.getByRole('link', { name: 'See what Captain Mira remembers' });
  await expect(entry).toContainText('1 memory · 3 chats');
  await page.screenshot({ path: `${shots}/memory-overview.png`, fullPage: true });
  await entry.click();

  // Edit: validation next to the field, then the new text, shown as text (never as HTML).
  const name = memoryItem(page, "The user's name is Ada");
  await name.getByRole('button', { name: 'Edit' }).click();
  const field = page.getByRole('textbox', { name: 'Memory text' });
  await field.fill('   ');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('This field is required.')).toBeVisible();
  await field.fill('x'.repeat(501));
  await expect(page.getByText('501/500 characters')).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('This is too long.')).toBeVisible();
  await page.screenshot({ path: `${shots}/memory-edit-error.png` });
  await field.fill("The user's name is <b>Ada</b> Lovelace");
  await page.getByRole('button', { name: 'Save' }).click();
  const edited = memoryItem(page, "The user's name is <b>Ada</b> Lovelace");
  await expect(edited).toBeVisible();
  await expect(edited.locator('b')).toHaveCount(0);

  // Pin, then forget everything (after a confirmation dialog).
  await edited.getByRole('button', { name: 'Pin' }).click();
  await expect(edited.getByText('Pinned')).toBeVisible();
  await expect(edited.getByRole('button', { name: 'Unpin' })).toBeVisible();
  await page.getByRole('button', { name: 'Forget everything' }).click();
  const dialog = page.getByRole('dialog', { name: 'Forget everything Captain Mira remembers?' });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: `${shots}/memory-forget-dialog.png` });
  await dialog.getByRole('button', { name: 'Forget everything' }).click();
  await expect(page.getByText('1 memory forgotten.')).toBeVisible();
  await expect(page.getByText('Captain Mira remembers nothing about you yet')).toBeVisible();
  await page.screenshot({ path: `${shots}/memory-empty.png` });
  expect(await remembered(page, personaId)).toEqual([]);
});

test('the same journey in Chinese', async ({ page }) => {
  await register(page, { name: '艾达', email: email('mem-zh') });
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('combobox', { name: '语言' })).toBeVisible();
  const personaId = await createOfflinePersona(page, '米拉船长');
  const l = labels.zh;

  await openNewChat(page, personaId, l);
  await send(page, '我叫艾达，我住在里斯本', l);
  await pollRemembered(page, personaId).toEqual(expect.arrayContaining(['用户住在里斯本', '用户叫艾达']));

  await openNewChat(page, personaId, l);
  await expect(await send(page, '我住在哪里？', l)).toContainText('里斯本');

  await page.getByRole('link', { name: '米拉船长 记得什么' }).click();
  await expect(page.getByText('删除对话不会删除这些记忆。')).toBeVisible();
  const home = memoryItem(page, '用户住在里斯本');
  await expect(home.getByText('关于你')).toBeVisible();
  await page.screenshot({ path: `${shots}/memory-persona-zh.png`, fullPage: true });
  await home.getByRole('button', { name: l.delete }).click();
  await home.getByRole('button', { name: l.confirmDelete }).click();
  await expect(page.getByText('记忆已删除。')).toBeVisible();
  await expect(memoryItem(page, '用户住在里斯本')).toHaveCount(0);

  await openNewChat(page, personaId, l);
  await expect(await send(page, '我住在哪里？', l)).not.toContainText('里斯本');
  await page.goto('/memory');
  await expect(page.getByRole('switch', { name: '让角色记住我说的话' })).toBeChecked();
  await page.screenshot({ path: `${shots}/memory-overview-zh.png`, fullPage: true });
});

test('with memory off nothing is extracted or recalled; what was kept comes back when it is on', async ({ page }) => {
  await register(page, { name: 'Otto', email: email('mem-off') });
  const personaId = await createOfflinePersona(page, 'Quiet Quinn');
  const l = labels.en;
  await openNewChat(page, personaId, l);
  await send(page, 'I live in Lisbon', l);
  await pollRemembered(page, personaId).toEqual(['The user lives in Lisbon']);

  await page.goto('/memory');
  const toggle = page.getByRole('switch', { name: 'Remember what I tell personas' });
  await expect(toggle).toBeChecked();
  await expect(page.getByText('When it is off, nothing is extracted or recalled.')).toBeVisible();
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await expect(page.getByText('Memory is off: nothing is extracted or recalled.')).toBeVisible();
  await page.screenshot({ path: `${shots}/memory-overview-off.png`, fullPage: true });
  await page.getByRole('link', { name: 'See what Quiet Quinn remembers' }).click();
  await expect(page.getByRole('note')).toContainText('Memory is off, so Quiet Quinn neither notes nor recalls anything');

  // Off: the kept fact is not recalled, and nothing new is noted.
  await openNewChat(page, personaId, l);
  await expect(await send(page, 'where do I live?', l)).not.toContainText('Lisbon');
  await send(page, 'I like tea', l);
  // With memory off the turn schedules no extraction at all, so there is nothing to wait for.
  expect(await remembered(page, personaId)).toEqual(['The user lives in Lisbon']);

  // On again: the kept fact is recalled; what was said while off was never noted.
  await page.goto('/memory');
  await page.getByRole('switch', { name: 'Remember what I tell personas' }).click();
  await expect(page.getByText('Memory is on.')).toBeVisible();
  await openNewChat(page, personaId, l);
  await expect(await send(page, 'where do I live?', l)).toContainText('Lisbon');
  expect(await remembered(page, personaId)).toEqual(['The user lives in Lisbon']);
});
