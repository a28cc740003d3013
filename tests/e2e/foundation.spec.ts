import { expect, test } from '@playwright/test';
import { email, foundationAdmin, register, signIn, signOut } from './helpers';

test('first user is admin, a member cannot open the audit log, the admin can, and the shell speaks Chinese', async ({
  page,
}) => {
  const admin = foundationAdmin;
  const member = { name: 'Mo Member', email: email('member') };

  // The first account on the empty database becomes admin.
  await register(page, admin);
  await expect(page.getByTestId('current-role')).toHaveText('Admin');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' })).toBeVisible();
  await signOut(page);

  // The second is a member and is refused the audit pages with a 403 page.
  await register(page, member);
  await expect(page.getByTestId('current-role')).toHaveText('Member');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' })).toHaveCount(0);
  const refused = await page.goto('/audit');
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
  const adminPage = await page.goto('/admin/users');
  expect(adminPage?.status()).toBe(403);
  await signOut(page);

  // The admin can.
  await signIn(page, admin);
  const allowed = await page.goto('/audit');
  expect(allowed?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();

  // The admin sees both users and makes the member an auditor.
  await page.goto('/admin/users');
  const roleSelect = page.getByLabel(`Role for ${member.name}`);
  await roleSelect.selectOption('auditor');
  await expect(page.getByRole('status')).toHaveText('Role updated.');
  await expect(page.getByLabel(`Role for ${admin.name}`)).toBeDisabled();

  // Switch the language: the shell is in Chinese, and stays so after a reload.
  await page.getByLabel('Language').selectOption('zh-CN');
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link', { name: '角色' })).toBeVisible();
  await expect(nav.getByRole('link', { name: '审计' })).toBeVisible();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '用户与角色权限' })).toBeVisible();
  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Users and roles' })).toBeVisible();
});

test('registration shows each field’s error beside it, a taken email, and a wrong password', async ({ page }) => {
  await page.goto('/register');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('Display name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('This field is required.')).toBeVisible();
  await expect(page.getByText('Enter a valid email address.')).toBeVisible();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();

  const taken = { name: 'Taken', email: email('taken') };
  await register(page, taken);
  await signOut(page);
  await page.goto('/register');
  await page.getByLabel('Display name').fill('Again');
  await page.getByLabel('Email').fill(taken.email);
  await page.getByLabel('Password').fill('password123');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('An account with this email already exists. Sign in instead?')).toBeVisible();

  await page.goto('/signin');
  await page.getByLabel('Email').fill(taken.email);
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Email or password is incorrect.' })).toBeVisible();
});

test('pages that need an account send a visitor to sign in and back', async ({ page }) => {
  await page.goto('/chats');
  await expect(page).toHaveURL(/\/signin\?next=%2Fchats/);
});
