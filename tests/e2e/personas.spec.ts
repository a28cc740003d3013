import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { email, register, signOut } from './helpers';

const shots = 'test-results/screens';
const avatarPng = () => sharp({ create: { width: 300, height: 300, channels: 3, background: '#7c3aed' } }).png().toBuffer();
const idFromUrl = (page: Page) => new URL(page.url()).pathname.split('/')[2]!;

test('create with an avatar → edit to v2 → see the diff → export PNG → import it → the same profile', async ({ page }) => {
  const owner = { name: 'Paula Persona', email: email('owner') };
  await register(page, owner);
  await expect(page.getByRole('heading', { name: 'Personas', exact: true })).toBeVisible();
  // Other journeys may have published personas to the shared gallery: a search nobody matches shows the empty state.
  await page.getByRole('searchbox').first().fill('zz-no-such-persona');
  await page.getByRole('searchbox').first().press('Enter');
  await expect(page.getByText('No personas match your search')).toBeVisible();
  await page.screenshot({ path: `${shots}/gallery-empty.png`, fullPage: true });

  await page.getByRole('link', { name: 'New persona' }).first().click();
  await expect(page).toHaveURL(/\/personas\/new$/);
  // Nothing filled in: the error sits next to the name field.
  await page.getByRole('button', { name: 'Create persona' }).click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#pf-name-error')).toHaveText('This field is required.');

  await page.getByLabel('Name', { exact: true }).fill('Ada 艾达 🤖');
  await page.getByLabel('Tagline').fill('Poet of the Analytical Engine');
  await page.getByLabel('Description').fill('A mathematician who writes programs before computers exist.\n<b>not bold</b>');
  await page.getByLabel('Personality').fill('Curious, precise, warm.');
  await page.getByLabel('Greeting', { exact: true }).fill('Hello {{user}}, I am {{char}}.');
  await page.getByLabel('Tags').fill('history, 数学, science');
  await page.getByLabel('Avatar', { exact: true }).setInputFiles({ name: 'ada.png', mimeType: 'image/png', buffer: await avatarPng() });
  await expect(page.locator('img[src^="/api/assets/"]').first()).toBeVisible();
  // The preview fills in the names as a chat would.
  await expect(page.getByTestId('greeting-preview')).toHaveText('Hello Paula Persona, I am Ada 艾达 🤖.');
  await page.getByRole('button', { name: 'Add entry' }).click();
  await page.getByLabel('Keys', { exact: true }).fill('engine, 引擎');
  await page.getByLabel('Content').fill('The Analytical Engine weaves algebraic patterns.');
  await page.getByRole('button', { name: 'Add alternate greeting' }).click();
  await page.getByLabel('Alternate greeting 1').fill('Shall we compute something? 🧮');
  await page.getByLabel('Model', { exact: true }).selectOption({ label: 'offline model' });
  await page.getByLabel('Temperature').fill('0.8');
  await page.getByLabel('Visibility').selectOption('public');
  await page.screenshot({ path: `${shots}/persona-new.png`, fullPage: true });
  await page.getByRole('button', { name: 'Create persona' }).click();

  await expect(page).toHaveURL(/\/personas\/[0-9a-f-]{36}$/);
  const originalId = idFromUrl(page);
  await expect(page.getByTestId('persona-byline')).toHaveText('by Paula Persona · v1');
  // Persona text is shown as text, never as HTML.
  await expect(page.getByText('<b>not bold</b>')).toBeVisible();

  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { name: 'Edit Ada 艾达 🤖' })).toBeVisible();
  await page.getByLabel('Greeting', { exact: true }).fill('Welcome back, {{user}}! 欢迎。');
  await page.getByLabel('Change note').fill('Warmer greeting');
  await page.screenshot({ path: `${shots}/persona-edit.png`, fullPage: true });
  await page.getByRole('button', { name: 'Save as v2' }).click();

  await expect(page.getByTestId('persona-byline')).toHaveText('by Paula Persona · v2');
  const diff = page.getByTestId('version-diff');
  await expect(page.getByRole('heading', { name: 'Changes from v1 to v2' })).toBeVisible();
  await expect(diff.getByRole('listitem')).toHaveCount(1);
  await expect(diff).toContainText('Greeting');
  await expect(diff).toContainText('Hello {{user}}, I am {{char}}.');
  await expect(diff).toContainText('Welcome back, {{user}}! 欢迎。');
  await expect(page.getByRole('list', { name: 'Version history' })).toContainText('Warmer greeting');
  await page.screenshot({ path: `${shots}/persona-page.png`, fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PNG card' }).click()]);
  expect(download.suggestedFilename()).toMatch(/-v2\.png$/);
  const cardPath = await download.path();

  await page.goto('/personas');
  await page.getByRole('link', { name: 'Import card' }).click();
  await expect(page.getByRole('heading', { name: 'Import a Character Card' })).toBeVisible();
  await page.screenshot({ path: `${shots}/persona-import.png`, fullPage: true });
  await page.getByLabel('Card file').setInputFiles(cardPath);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page).toHaveURL(/\/personas\/[0-9a-f-]{36}$/);
  const importedId = idFromUrl(page);
  expect(importedId).not.toBe(originalId);
  await expect(page.getByTestId('persona-byline')).toHaveText('by Paula Persona · v1');
  await expect(page.getByRole('heading', { name: 'Ada 艾达 🤖' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Avatar of Ada 艾达 🤖' }).first()).toHaveAttribute('src', /\/api\/assets\//);

  const original = await (await page.request.get(`/api/personas/${originalId}`)).json();
  const imported = await (await page.request.get(`/api/personas/${importedId}`)).json();
  expect(imported.current.profile).toEqual(original.current.profile);
  expect(imported.current.model).toEqual(original.current.model);
  expect(imported.current.profile.lorebook[0].keys).toEqual(['engine', '引擎']);
  expect(imported.current.model).toEqual({ modelId: 'offline:persona-1', temperature: 0.8, maxOutputTokens: null });
  // Avatars are served as the images we re-encoded, with headers that keep browsers from guessing.
  const avatar = await page.request.get(`/api/assets/${original.current.avatarAssetId}`);
  expect(avatar.headers()).toMatchObject({
    'content-type': 'image/png',
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, max-age=31536000, immutable',
  });

  await page.goto('/personas');
  await expect(page.getByRole('status')).toHaveText('2 personas');
  await page.getByLabel('Search by name or tag').fill('数学');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toHaveText('2 personas');
  await page.getByLabel('Search by name or tag').fill('nobody-has-this');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('No personas match your search')).toBeVisible();
  await page.goto('/personas');
  await page.screenshot({ path: `${shots}/gallery.png`, fullPage: true });
});

test('others cannot open a private persona (404) or edit a public one (403); a bad card says what is wrong', async ({ page }) => {
  const alice = { name: 'Alice Owner', email: email('alice') };
  await register(page, alice);
  const create = async (name: string, visibility: string) => {
    const res = await page.request.post('/api/personas', { data: { profile: { name, description: 'x' }, visibility } });
    expect(res.status()).toBe(201);
    return (await res.json()).id as string;
  };
  const secret = await create('Secret Sam', 'private');
  const shared = await create('Shared Sue', 'public');
  await signOut(page);

  await register(page, { name: 'Bob Other', email: email('bob') });
  expect((await page.goto(`/personas/${secret}`))?.status()).toBe(404);
  expect((await page.request.get(`/api/personas/${secret}`)).status()).toBe(404);
  expect((await page.goto(`/personas/${shared}`))?.status()).toBe(200);
  await expect(page.getByTestId('persona-byline')).toHaveText('by Alice Owner · v1');
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Start chat' })).toHaveAttribute('href', `/chats/new?persona=${shared}`);
  expect((await page.goto(`/personas/${shared}/edit`))?.status()).toBe(403);
  const put = await page.request.put(`/api/personas/${shared}`, { data: { profile: { name: 'Hijacked' } } });
  expect(put.status()).toBe(403);

  await page.goto('/personas/import');
  await page.getByLabel('Card file').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"spec":"chara_card_v2","data":{"description":"no name"}}'),
  });
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('#card-file-error')).toContainText('The card has no name.');
  await page.getByLabel('Card file').setInputFiles({ name: 'plain.png', mimeType: 'image/png', buffer: await avatarPng() });
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('#card-file-error')).toContainText('This PNG has no character card in it.');
  await page.screenshot({ path: `${shots}/persona-import-error.png`, fullPage: true });
  const bigAvatar = await page.request.post('/api/assets', { data: Buffer.alloc(6 * 1024 * 1024, 1), headers: { 'content-type': 'image/png' } });
  expect(bigAvatar.status()).toBe(413);
  const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).gif().toBuffer();
  expect((await page.request.post('/api/assets', { data: gif, headers: { 'content-type': 'image/gif' } })).status()).toBe(415);
  const huge = await page.request.post('/api/personas/import', { data: Buffer.alloc(11 * 1024 * 1024, 0x20), headers: { 'content-type': 'application/json' } });
  expect(huge.status()).toBe(413);
  // None of the refused files left a persona behind.
  const gallery = await (await page.request.get('/api/personas')).json();
  expect(gallery.items.filter((i: { ownerName: string }) => i.ownerName === 'Bob Other')).toEqual([]);

  // The persona page speaks Chinese too.
  await page.goto(`/personas/${shared}`);
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('link', { name: '开始对话' })).toBeVisible();
  await expect(page.getByTestId('persona-byline')).toHaveText('作者 Alice Owner · v1');
  await expect(page.getByRole('heading', { name: '版本历史' })).toBeVisible();
  await page.screenshot({ path: `${shots}/persona-page-zh.png`, fullPage: true });
  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByRole('link', { name: 'Start chat' })).toBeVisible();
});
