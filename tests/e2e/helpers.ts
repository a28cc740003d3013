import { expect, type Page } from '@playwright/test';

/**
 * The first account on the fresh e2e database, registered by foundation.spec.ts (its project runs before all
 * others), so it is the admin. Other journeys sign in as it to promote the accounts they need through the UI.
 */
export const foundationAdmin = { name: 'Grace Admin', email: 'grace-admin@example.test', password: 'password123' };

let n = 0;
export function email(prefix: string): string {
  return `${prefix}-${Date.now()}-${n++}@example.test`;
}

export async function register(page: Page, user: { name: string; email: string; password?: string }) {
  await page.goto('/register');
  await page.getByLabel('Display name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password ?? 'password123');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/personas$/);
}

export async function signIn(page: Page, user: { email: string; password?: string }) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password ?? 'password123');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/personas$/);
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
}

/** Signs in as the admin foundation.spec.ts created (see foundationAdmin). */
export async function signInAdmin(page: Page) {
  await signIn(page, foundationAdmin);
  await expect(page.getByTestId('current-role')).toHaveText('Admin');
}

/** As the foundation admin, gives `user` a role on /admin/users; leaves the admin signed in. */
export async function setRoleAsAdmin(page: Page, user: { name: string }, role: 'member' | 'auditor' | 'admin') {
  await signInAdmin(page);
  await page.goto('/admin/users');
  await page.getByLabel(`Role for ${user.name}`).selectOption(role);
  await expect(page.getByRole('status')).toHaveText('Role updated.');
}

/** Creates a persona through the API as the signed-in user; returns its id. */
export async function createPersona(
  page: Page,
  profile: Record<string, unknown>,
  opts: { modelId?: string; visibility?: 'private' | 'unlisted' | 'public' } = {},
): Promise<string> {
  const res = await page.request.post('/api/personas', {
    data: { profile, visibility: opts.visibility ?? 'private', model: { modelId: opts.modelId ?? 'compatible:fake-small' } },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Starts a chat from the persona page (its Start chat link, then the confirming button) and dismisses the AI notice. */
export async function openNewChat(page: Page, personaId: string) {
  await page.goto(`/personas/${personaId}`);
  await page.getByRole('link', { name: 'Start chat' }).click();
  await page.getByRole('button', { name: 'Start chat' }).click();
  await expect(page).toHaveURL(/\/chats\/[0-9a-f-]{36}$/);
  const notice = page.getByRole('dialog', { name: 'You are talking to an AI' });
  if (await notice.isVisible().catch(() => false)) await notice.getByRole('button', { name: 'I understand' }).click();
}

export const replies = (page: Page) => page.locator('article[data-role="assistant"]');
export const userMessages = (page: Page) => page.locator('article[data-role="user"]');
