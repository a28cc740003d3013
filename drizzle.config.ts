import { defineConfig } from 'drizzle-kit';

// Only used to generate migrations from db/schema.ts; the app applies them itself (db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/*.ts',
  out: './db/migrations',
});
