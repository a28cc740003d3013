import { expect, type Page } from '@playwright/test';

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
