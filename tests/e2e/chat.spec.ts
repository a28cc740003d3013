import { expect, test, type Page } from '@playwright/test';
import { fakeModel } from './fake-model';
import { createPersona, email, openNewChat, register, replies, userMessages } from './helpers';

const shots = 'test-results/screens';




test('a chat streams, regenerates into swipes, branches on edit, and survives a reload', async ({ page }) => {
  await register(page, { name: 'Chatty', email: email('chat') });
  const personaId = await createPersona(page, {
    name: 'Captain Mira',
    description: 'A retired sea captain who speaks in sea metaphors.',
    greeting: 'Ahoy, {{user}}! Pull up a crate.',
    alternateGreetings: ['Welcome aboard, {{user}}.'],
  });
  await openNewChat(page, personaId);

  // The greeting opens the chat; the alternate greeting is its swipe; the chat says it is an AI.
  await expect(replies(page).last()).toContainText('Ahoy, Chatty! Pull up a crate.');
  await expect(page.getByRole('note')).toContainText('You are talking to Captain Mira, an AI persona');
  await expect(page.getByTestId('alternative-position')).toHaveText('1/2');

  // Send with Enter; the reply streams in word by word.
  const first = 'The tide remembers every ship that ever left this harbour, and so do I.';
  await fakeModel.setScript({ text: first, tokenDelayMs: 150 });
  const input = page.getByRole('textbox', { name: 'Message' });
  await input.fill('Tell me a story');
  await input.press('Enter');
  await expect(userMessages(page).last()).toContainText('Tell me a story');
  const reply = replies(page).last();
  await expect(reply).toContainText('The tide');
  await expect(reply).toHaveAttribute('data-status', 'streaming');
  await expect(reply).not.toContainText('so do I.');
  await page.screenshot({ path: `${shots}/chat-streaming.png` });
  await expect(reply).toContainText(first);
  await expect(reply).not.toHaveAttribute('data-status', 'streaming');
  await expect(reply.getByText('AI-generated')).toBeVisible();

  // Regenerate keeps the first answer as an alternative to page back to.
  const second = 'Second thoughts: the sea is patient with those who listen.';
  await fakeModel.setScript({ text: second, tokenDelayMs: 5 });
  await reply.getByRole('button', { name: 'Regenerate' }).click();
  await expect(replies(page).last()).toContainText(second);
  await expect(replies(page).last().getByTestId('alternative-position')).toHaveText('2/2');
  await replies(page).last().getByRole('button', { name: 'Previous alternative' }).click();
  await expect(replies(page).last()).toContainText(first);
  await expect(replies(page).last().getByTestId('alternative-position')).toHaveText('1/2');

  // Editing the question starts a new branch; the old one stays reachable.
  const third = 'Storms are loud teachers, but they teach.';
  await fakeModel.setScript({ text: third, tokenDelayMs: 5 });
  await userMessages(page).last().getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Edit your message').fill('Tell me about storms');
  await page.getByRole('button', { name: 'Save and send' }).click();
  await expect(replies(page).last()).toContainText(third);
  await expect(userMessages(page).last()).toContainText('Tell me about storms');
  await expect(userMessages(page).last().getByTestId('alternative-position')).toHaveText('2/2');
  await page.screenshot({ path: `${shots}/chat.png` });

  // After a reload everything is still there: the branch we were on, and the others behind it.
  await page.reload();
  await expect(userMessages(page).last()).toContainText('Tell me about storms');
  await expect(replies(page).last()).toContainText(third);
  await userMessages(page).last().getByRole('button', { name: 'Previous alternative' }).click();
  await expect(userMessages(page).last()).toContainText('Tell me a story');
  await expect(replies(page).last().getByTestId('alternative-position')).toHaveText('2/2');
  await expect(replies(page).last()).toContainText(second);

  // The chat is listed; it can be renamed.
  await page.goto('/chats');
  await expect(page.getByRole('link', { name: 'Tell me a story' })).toBeVisible();
  await page.getByRole('button', { name: 'Rename “Tell me a story”' }).click();
  await page.getByLabel('Chat title').fill('Sea stories');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('link', { name: 'Sea stories' })).toBeVisible();
});

test('a provider error shows in the chat with Retry, and Retry answers', async ({ page }) => {
  await register(page, { name: 'Errol', email: email('err') });
  const personaId = await createPersona(page, { name: 'Fragile Fred', description: 'Often unreachable.', greeting: 'Hi.' });
  await openNewChat(page, personaId);

  await fakeModel.setScript({ status: 401, errorMessage: 'Incorrect API key provided' });
  await page.getByRole('textbox', { name: 'Message' }).fill('Are you there?');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  const failed = replies(page).last();
  await expect(failed.getByRole('alert')).toContainText('The model provider refused our credentials.');
  await expect(failed).toHaveAttribute('data-status', 'error');
  await page.screenshot({ path: `${shots}/chat-error.png` });

  await fakeModel.setScript({ text: 'Yes, I am here now.', tokenDelayMs: 5 });
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(replies(page).last()).toContainText('Yes, I am here now.');
  await expect(replies(page).last()).toHaveAttribute('data-status', 'complete');
  // The user's message was kept through the failure.
  await expect(userMessages(page).last()).toContainText('Are you there?');
});

test('the offline model answers without any key', async ({ page }) => {
  await register(page, { name: 'Olive', email: email('offline') });
  const personaId = await createPersona(page, { name: 'Quiet Quinn', description: 'A librarian.' }, { modelId: 'offline:persona-1' });
  await openNewChat(page, personaId);
  await expect(page.getByText('Say hello to start the conversation.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Message' }).fill('Hello Quinn!');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(replies(page).last()).toContainText('Quinn');
  await expect(replies(page).last()).toHaveAttribute('data-status', 'complete', { timeout: 15_000 });

  // The owner deletes the persona: the chat stays readable but takes no new messages.
  expect((await page.request.delete(`/api/personas/${personaId}`)).status()).toBe(200);
  await page.reload();
  await expect(userMessages(page).last()).toContainText('Hello Quinn!');
  await expect(page.getByText('This persona is no longer available, so this chat is read-only.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
});
