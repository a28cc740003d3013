import { sql } from 'drizzle-orm';
import {
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';

// bytea as a Node Buffer on both engines (PGlite hands back a Uint8Array; Buffer.from copes with either).
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

export const personaVisibilityEnum = pgEnum('persona_visibility', ['private', 'unlisted', 'public']);

/** Validated, re-encoded images (avatars). Content-addressed per owner by sha256. */
export const assets = pgTable(
  'assets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    mime: text('mime').notNull(),
    bytes: bytea('bytes').notNull(),
    sha256: text('sha256').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assets_owner_sha_idx').on(t.ownerId, t.sha256)],
);

export const personas = pgTable(
  'personas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    currentVersion: integer('current_version').notNull(),
    visibility: personaVisibilityEnum('visibility').notNull().default('private'),
    // Soft delete: the persona disappears and takes no new chats, but its versions stay for the audit log.
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('personas_owner_idx').on(t.ownerId),
    index('personas_listed_idx')
      .on(t.visibility, t.updatedAt)
      .where(sql`${t.deletedAt} is null`),
  ],
);

/**
 * One immutable row per save. A trigger (custom migration `personas_sql`) refuses UPDATE, DELETE and TRUNCATE, so the
 * audit log can always point at exactly what a persona was when it spoke.
 */
export const personaVersions = pgTable(
  'persona_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id),
    version: integer('version').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    changeNote: text('change_note').notNull().default(''),
    // Every card field, including ones with no column of their own and unknown `extensions` (lib/personas/profile.ts).
    profile: jsonb('profile').notNull(),
    avatarAssetId: uuid('avatar_asset_id').references(() => assets.id),
    // Null means "the app's default" for each of these.
    modelId: text('model_id'),
    temperature: real('temperature'),
    maxOutputTokens: integer('max_output_tokens'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('persona_versions_persona_version_key').on(t.personaId, t.version)],
);

/** Who handed a persona to whom, and when. */
export const personaTransfers = pgTable(
  'persona_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id),
    fromUserId: uuid('from_user_id')
      .notNull()
      .references(() => users.id),
    toUserId: uuid('to_user_id')
      .notNull()
      .references(() => users.id),
    // The version that was current when ownership changed.
    atVersion: integer('at_version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('persona_transfers_persona_idx').on(t.personaId)],
);

export type PersonaRow = typeof personas.$inferSelect;
export type PersonaVersionRow = typeof personaVersions.$inferSelect;
export type AssetRow = typeof assets.$inferSelect;
export type PersonaTransferRow = typeof personaTransfers.$inferSelect;
export type PersonaVisibility = (typeof personaVisibilityEnum.enumValues)[number];
