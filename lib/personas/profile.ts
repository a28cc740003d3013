import { z } from 'zod';
import { parseModelId } from '@/lib/ai/model-id';

// Messages are keys of the i18n catalog's `errors` namespace; the form shows them next to the field.
// Limits are generous because imported community cards can be long; the request size limit caps the total.
const LONG_TEXT = 100_000;
const text = (max = LONG_TEXT) => z.string({ message: 'required' }).max(max, 'too_long').default('');
const extras = z.record(z.string(), z.unknown());

export const lorebookEntrySchema = z.object({
  keys: z.array(z.string().trim().min(1, 'required').max(200, 'too_long')).max(100, 'too_many').default([]),
  secondaryKeys: z.array(z.string().trim().min(1, 'required').max(200, 'too_long')).max(100, 'too_many').default([]),
  content: text(50_000),
  enabled: z.boolean().default(true),
  order: z.number({ message: 'invalid_number' }).int('invalid_number').min(-1_000_000).max(1_000_000).default(100),
  constant: z.boolean().default(false),
  caseSensitive: z.boolean().default(false),
  // Card entry fields we do not model (name, priority, id, comment, selective, position, use_regex, extensions, …).
  extra: extras.optional(),
});
export type LorebookEntry = z.infer<typeof lorebookEntrySchema>;

/**
 * What a card had that our model has no place for; written back on export so import → export → import loses
 * nothing. `fields`: unmapped keys of `data`; `extensions`: `data.extensions` without our own key; `book`: the
 * `character_book` keys other than `entries`; `top`: keys beside `spec`/`data`; `mirrorV1`: the card repeated the
 * V1 fields at its top level (SillyTavern does), so the export does too.
 */
export const cardExtrasSchema = z.object({
  fields: extras.optional(),
  extensions: extras.optional(),
  book: extras.optional(),
  top: extras.optional(),
  mirrorV1: z.boolean().optional(),
});
export type CardExtras = z.infer<typeof cardExtrasSchema>;

export const languageSchema = z
  .string()
  .trim()
  .max(35, 'too_long')
  .regex(/^$|^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'invalid_language')
  .default('');

export const profileSchema = z.object({
  name: z.string({ message: 'required' }).trim().min(1, 'required').max(100, 'too_long'),
  tagline: text(300),
  description: text(),
  personality: text(),
  scenario: text(),
  greeting: text(),
  alternateGreetings: z.array(z.string().max(LONG_TEXT, 'too_long')).max(100, 'too_many').default([]),
  exampleDialogues: text(),
  // Empty means the app's default.
  systemPrompt: text(),
  postHistoryInstructions: text(),
  lorebook: z.array(lorebookEntrySchema).max(2000, 'too_many').default([]),
  tags: z
    .array(z.string().trim().min(1, 'required').max(50, 'too_long'))
    .max(50, 'too_many')
    .default([])
    .transform((tags) => [...new Set(tags)]),
  // BCP 47 tag; empty means "answer in the user's language".
  language: languageSchema,
  card: cardExtrasSchema.optional(),
});
export type PersonaProfile = z.infer<typeof profileSchema>;
export type PersonaProfileInput = z.input<typeof profileSchema>;

export const visibilities = ['private', 'unlisted', 'public'] as const;
export const visibilitySchema = z.enum(visibilities, { message: 'invalid_visibility' });

export const modelSettingsSchema = z.object({
  // An id from the configured model list; null = the app's default model. The chat falls back to the default
  // when an id is no longer configured.
  modelId: z
    .string()
    .trim()
    .max(200, 'too_long')
    .refine((id) => !id || parseModelId(id) !== null, 'invalid_model')
    .nullish()
    .transform((v) => v || null),
  temperature: z.number({ message: 'invalid_number' }).min(0, 'out_of_range').max(2, 'out_of_range').nullish().transform((v) => v ?? null),
  maxOutputTokens: z
    .number({ message: 'invalid_number' })
    .int('invalid_number')
    .min(1, 'out_of_range')
    .max(200_000, 'out_of_range')
    .nullish()
    .transform((v) => v ?? null),
});
export type ModelSettings = z.infer<typeof modelSettingsSchema>;

/** The body of create and update: a whole profile (every save is a full new version). */
export const savePersonaBodySchema = z.object({
  profile: profileSchema,
  // Omitted: private for a new persona, unchanged for a new version.
  visibility: visibilitySchema.optional(),
  model: modelSettingsSchema.default({ modelId: null, temperature: null, maxOutputTokens: null }),
  avatarAssetId: z.uuid({ message: 'invalid_asset' }).nullish().transform((v) => v ?? null),
  changeNote: z.string().trim().max(500, 'too_long').default(''),
  // The version the editor started from: a save on top of a newer version is refused (409) rather than lost.
  baseVersion: z.number().int().positive().optional(),
});
export type SavePersonaBody = z.infer<typeof savePersonaBodySchema>;
export type SavePersonaInput = z.input<typeof savePersonaBodySchema>;

export const transferBodySchema = z.object({
  email: z
    .string({ message: 'required' })
    .trim()
    .min(1, 'required')
    .max(254, 'too_long')
    .pipe(z.email({ message: 'invalid_email' }))
    .transform((e) => e.toLowerCase()),
});

export const galleryQuerySchema = z.object({
  q: z.string().trim().max(100).optional().default(''),
  tag: z.string().trim().max(50).optional().default(''),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});
export type GalleryQuery = z.infer<typeof galleryQuerySchema>;

export const exportQuerySchema = z.object({
  format: z.enum(['v2', 'v3', 'png'], { message: 'invalid_format' }).default('png'),
  version: z.coerce.number().int().positive().optional(),
});

export const diffQuerySchema = z.object({
  from: z.coerce.number().int().positive(),
  to: z.coerce.number().int().positive(),
});

/** A profile with every field at its default (a blank name is allowed here: it is what a new form starts from). */
export function emptyProfile(name = '', description = ''): PersonaProfile {
  return { ...profileSchema.parse({ name: 'placeholder', description }), name };
}
