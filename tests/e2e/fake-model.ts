import { fakeOpenAIControl } from '../fixtures/fake-openai';

/** The fake OpenAI server tests/e2e/serve.ts starts beside the app (the app's compatible provider points at it). */
export const fakeModelPort = Number(process.env.E2E_FAKE_PORT ?? Number(process.env.E2E_PORT ?? 3210) + 1);
export const fakeModel = fakeOpenAIControl(`http://127.0.0.1:${fakeModelPort}`);
