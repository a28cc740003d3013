import { afterAll } from 'vitest';
import { closeDb } from '@/db/client';
import { assertLocalDatabase } from './assert-local-database';

// Without DATABASE_URL the integration tests run on a throwaway in-memory PGlite per test file.
if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = 'memory://';
assertLocalDatabase(process.env.DATABASE_URL);

afterAll(async () => {
  await closeDb();
});
