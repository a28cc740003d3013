import { spawnSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { fakeModel } from './fake-model';
import { createPersona, email, openNewChat, register, replies, setRoleAsAdmin, signIn, signOut } from './helpers';

const shots = 'test-results/screens';
// Names are unique per run: the admin's role menu is found by the user's name among everyone's accounts.
const tag = Date.now().toString(36);



async function send(page: Page, text: string) {
  const input = page.getByRole('textbox', { name: 'Message' });
  await input.fill(text);
  await input.press('Enter');
}


/** On /audit: narrows the list to one persona (and more), the way an auditor would with the filter form. */
async function filterAudit(page: Page, fields: { persona: string; q?: string; verdict?: string }) {
  await page.goto('/audit');
  await page.getByLabel('Persona ID').fill(fields.persona);
  if (fields.q) await page.getByLabel('Search prompts and replies').fill(fields.q);
  if (fields.verdict) await page.getByLabel('Verdict').selectOption(fields.verdict);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`persona=${fields.persona}`));
}

test('a member chats; the auditor finds the reply, flags it; the owner fixes the persona and resolves it; the export verifies; a red line stops a reply and its record says why', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const owner = { name: `Olga Owner ${tag}`, email: email('owner') };
  const member = { name: `Mo Member ${tag}`, email: email('member') };
  const auditor = { name: `Ada Auditor ${tag}`, email: email('auditor') };

  // The owner publishes a persona; the auditor-to-be registers and the admin gives them the role.
  await register(page, owner);
  const personaId = await createPersona(page, {
    name: `Harbour Guide ${tag}`,
    description: 'Knows everyone in the harbour town.',
    greeting: 'Welcome to the harbour, {{user}}.',
  }, { visibility: 'public' });
  await signOut(page);
  await register(page, auditor);
  await signOut(page);
  await setRoleAsAdmin(page, auditor, 'auditor');
  await signOut(page);

  // A member chats with the owner's persona.
  await register(page, member);
  await openNewChat(page, personaId);
  const answer = 'The lighthouse keeper lives by the northern pier.';
  await fakeModel.setScript({ text: answer, tokenDelayMs: 5 });
  await send(page, 'Where does the lighthouse keeper live?');
  await expect(replies(page).last()).toContainText(answer);
  await expect(replies(page).last()).toHaveAttribute('data-status', 'complete');

  // A reply that trips a red line stops mid-stream (the rest of the script would take 12 s more) and is refused.
  const harmful = `Listen closely, traveller, because this is how to kill yourself ${'and then it goes on and on '.repeat(16)}`;
  await fakeModel.setScript({ text: harmful, tokenDelayMs: 150 });
  await send(page, 'Tell me something dark');
  const blocked = replies(page).last();
  await expect(blocked).toContainText('Listen closely');
  await expect(blocked).toHaveAttribute('data-status', 'blocked', { timeout: 6_000 });
  await expect(blocked).toContainText('I can’t continue with that.');
  await expect(blocked).toContainText('This reply was withheld by a content policy.');
  await expect(blocked).not.toContainText('kill yourself');
  await expect(blocked).not.toContainText('on and on');
  await page.screenshot({ path: `${shots}/review-chat-blocked.png` });
  await page.reload();
  await expect(replies(page).last()).toHaveAttribute('data-status', 'blocked');
  await expect(replies(page).last()).not.toContainText('kill yourself');

  // The member sees her own reply's audit facts through the chat: model, version, owner, the check, the label.
  await replies(page).last().getByRole('button', { name: 'Details' }).click();
  const facts = page.getByRole('region', { name: 'How this reply was made' });
  await expect(facts).toContainText('compatible:fake-small');
  await expect(facts).toContainText('v1');
  await expect(facts).toContainText(owner.name);
  await expect(facts).toContainText('blocked');
  await expect(facts).toContainText('self-harm-instructions: block (self_harm)');
  await expect(facts).toContainText('"Label":"1"');
  await page.screenshot({ path: `${shots}/chat-reply-details.png` });
  await replies(page).last().getByRole('button', { name: 'Details' }).click();
  await expect(facts).toBeHidden();
  // Only through her own chat: the record of her reply is not found for anyone else.
  const chatId = new URL(page.url()).pathname.split('/')[2]!;
  const tree = (await (await page.request.get(`/api/chats/${chatId}`)).json()) as { messages: { id: string; status: string }[] };
  const blockedId = tree.messages.find((m) => m.status === 'blocked')!.id;
  const recordUrl = `/api/chats/${chatId}/messages/${blockedId}/record`;
  expect((await page.request.get(recordUrl)).status()).toBe(200);
  await signOut(page);
  await signIn(page, owner);
  expect((await page.request.get(recordUrl)).status()).toBe(404);
  await signOut(page);

  // The auditor finds the call by persona and search, opens it, sees prompt and reply, and flags it.
  await signIn(page, auditor);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Model calls' });
  await filterAudit(page, { persona: personaId, q: 'lighthouse' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText(answer);
  await expect(table).toContainText(member.name);
  await expect(table).toContainText(owner.name);
  await page.screenshot({ path: `${shots}/review-audit-filtered.png`, fullPage: true });
  await table.getByRole('link', { name: /^#\d+$/ }).click();
  await expect(page.getByRole('heading', { name: /^Record \d+$/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Prompt' })).toContainText('Where does the lighthouse keeper live?');
  await expect(page.getByRole('region', { name: 'Prompt' })).toContainText('Knows everyone in the harbour town.');
  await expect(page.getByRole('region', { name: 'Reply' })).toContainText(answer);
  await page.getByLabel('Reason').fill('Gives out where a private person lives');
  await page.getByRole('button', { name: 'Flag and notify the owner' }).click();
  await expect(page.getByRole('status')).toHaveText('Flagged. The owner has been notified.');
  await expect(page.getByRole('region', { name: 'Incidents on this call' })).toContainText('Gives out where a private person lives');

  // The blocked reply's record says why: finish blocked, the check and its category.
  await filterAudit(page, { persona: personaId, verdict: 'block' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('Blocked');
  await table.getByRole('link', { name: /^#\d+$/ }).click();
  const details = page.getByRole('definition').filter({ hasText: /^blocked/ });
  await expect(details).toContainText('Blocked');
  await expect(page.getByRole('region', { name: 'Policy verdicts' })).toContainText(
    'self-harm-instructions v1 (output): block, self_harm × 1',
  );
  await expect(page.getByRole('region', { name: 'Prompt' })).toContainText('Tell me something dark');
  await expect(page.getByRole('region', { name: 'Reply' })).toContainText('I can’t continue with that.');
  await expect(page.getByRole('region', { name: 'Reply' })).not.toContainText('kill yourself');
  await page.screenshot({ path: `${shots}/review-record-blocked.png`, fullPage: true });
  await signOut(page);

  // The owner sees the incident, publishes a fix as version 2, and resolves the incident citing it.
  await signIn(page, owner);
  await page.getByRole('link', { name: 'Incidents' }).click();
  await expect(page.getByText('Reason: Gives out where a private person lives')).toBeVisible();
  await page.goto(`/personas/${personaId}`);
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Description').fill('Knows the harbour town, and never says where anyone lives.');
  await page.getByLabel('Change note').fill('No more home addresses');
  await page.getByRole('button', { name: 'Save as v2' }).click();
  await expect(page.getByTestId('persona-byline')).toHaveText(`by ${owner.name} · v2`);
  await page.getByRole('link', { name: 'Incidents' }).click();
  await page.getByLabel('Resolution note').fill('The persona no longer gives addresses.');
  await page.getByLabel('Fixed in persona version').fill('2');
  await page.getByRole('button', { name: 'Resolve incident' }).click();
  await expect(page.getByText('Fixed in persona version 2')).toBeVisible();
  await expect(page.getByText('Resolved', { exact: true })).toBeVisible();
  // The owner does not get the audit log itself.
  await page.goto('/audit');
  await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
  await signOut(page);

  // The auditor sees the flag, exports the chain as JSONL, and the export verifies offline.
  await signIn(page, auditor);
  await page.goto(`/audit?flagged=1&persona=${personaId}`);
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('Flagged');
  await page.goto('/audit');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export JSONL' }).click()]);
  const file = test.info().outputPath('audit.jsonl');
  await download.saveAs(file);
  const verify = spawnSync('npm', ['run', '--silent', 'audit:verify', '--', '--file', file], { encoding: 'utf8' });
  expect(verify.stdout, verify.stderr).toContain('audit chain OK (file)');
  expect(verify.status).toBe(0);
});
