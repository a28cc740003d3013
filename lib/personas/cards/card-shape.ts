import { isDeepStrictEqual } from 'node:util';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Our own fields with no home in the card spec travel in `data.extensions[OUR_EXTENSION]`. */
export const OUR_EXTENSION = 'persona';

/** The V1 fields; V2/V3 keep them inside `data`, and some tools repeat them at the top level. */
export const V1_FIELDS = ['name', 'description', 'personality', 'scenario', 'first_mes', 'mes_example'] as const;

/**
 * Values the writer emits for required card fields we do not model. On import a field holding exactly this value
 * is not kept, so a card made here comes back with nothing extra and import → export → import is a fixed point.
 */
export const WRITER_DEFAULTS = {
  data: { creator_notes: '', creator: '', character_version: '', group_only_greetings: [] },
  book: { extensions: {} },
  entry: { extensions: {}, use_regex: false },
} satisfies Record<string, Record<string, Json>>;

export function isWriterDefault(defaults: Record<string, Json>, key: string, value: Json): boolean {
  return key in defaults && isDeepStrictEqual(defaults[key], value);
}

export function isPlainObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
