import { zodSummary } from '@/lib/http/zod-errors';
import {
  modelSettingsSchema,
  profileSchema,
  type CardExtras,
  type LorebookEntry,
  type ModelSettings,
  type PersonaProfile,
} from '../profile';
import { cardError } from './card-error';
import { OUR_EXTENSION, V1_FIELDS, WRITER_DEFAULTS, isPlainObject, isWriterDefault, type Json } from './card-shape';

export type ImportedCard = { spec: 'v1' | 'v2' | 'v3'; profile: PersonaProfile; model: ModelSettings };

const MAPPED_DATA_KEYS = new Set([
  ...V1_FIELDS,
  'system_prompt',
  'post_history_instructions',
  'alternate_greetings',
  'tags',
  'character_book',
  'extensions',
]);
const MAPPED_ENTRY_KEYS = new Set([
  'keys',
  'secondary_keys',
  'content',
  'enabled',
  'insertion_order',
  'constant',
  'case_sensitive',
]);

/** A parsed card object (V1, V2 `chara_card_v2` or V3 `chara_card_v3`) as a persona profile; throws a 400 naming the problem. */
export function readCard(raw: unknown): ImportedCard {
  if (!isPlainObject(raw)) throw cardError('card_not_object', 'The card must be a JSON object');
  const { spec, data, top } = splitEnvelope(raw);
  const { extensions, ours } = splitExtensions(data.extensions);
  const book = readBook(data.character_book);
  const card: CardExtras = {
    fields: pick(data, (k, v) => !MAPPED_DATA_KEYS.has(k) && !isWriterDefault(WRITER_DEFAULTS.data, k, v)),
    extensions,
    book: book.extras,
    top,
    mirrorV1: spec !== 'v1' && V1_FIELDS.some((k) => k in raw) ? true : undefined,
  };

  const candidate = {
    name: requiredName(data.name),
    tagline: typeof ours.tagline === 'string' ? ours.tagline : '',
    description: str(data, 'description'),
    personality: str(data, 'personality'),
    scenario: str(data, 'scenario'),
    greeting: str(data, 'first_mes'),
    alternateGreetings: strList(data, 'alternate_greetings'),
    exampleDialogues: str(data, 'mes_example'),
    systemPrompt: str(data, 'system_prompt'),
    postHistoryInstructions: str(data, 'post_history_instructions'),
    lorebook: book.entries,
    tags: strList(data, 'tags').map((t) => t.trim()).filter(Boolean),
    language: typeof ours.language === 'string' ? ours.language : '',
    card: compactExtras(card),
  };
  const profile = profileSchema.safeParse(candidate);
  if (!profile.success) throw cardError('card_bad_field', `The card has a field we cannot accept: ${zodSummary(profile.error)}`);
  const model = modelSettingsSchema.safeParse(isPlainObject(ours.model) ? ours.model : {});
  return {
    spec,
    profile: profile.data,
    model: model.success ? model.data : { modelId: null, temperature: null, maxOutputTokens: null },
  };
}

function splitEnvelope(raw: Record<string, Json>): { spec: ImportedCard['spec']; data: Record<string, Json>; top?: Record<string, Json> } {
  const spec = raw.spec;
  if (spec === undefined || spec === null) {
    // V1: the fields sit at the top level. Whatever else is there is kept as-is.
    const top = pick(raw, (k) => !V1_FIELDS.includes(k as never));
    return { spec: 'v1', data: pick(raw, (k) => V1_FIELDS.includes(k as never)) ?? {}, top };
  }
  if (spec !== 'chara_card_v2' && spec !== 'chara_card_v3') {
    throw cardError('card_wrong_spec', `Unsupported card spec ${JSON.stringify(spec).slice(0, 40)}: expected chara_card_v2 or chara_card_v3`);
  }
  if (!isPlainObject(raw.data)) throw cardError('card_missing_data', `A ${spec} card needs a "data" object`);
  const top = pick(raw, (k) => k !== 'spec' && k !== 'spec_version' && k !== 'data' && !V1_FIELDS.includes(k as never));
  return { spec: spec === 'chara_card_v2' ? 'v2' : 'v3', data: raw.data, top };
}

function splitExtensions(value: Json | undefined): { extensions?: Record<string, Json>; ours: Record<string, Json> } {
  if (value === undefined || value === null) return { ours: {} };
  if (!isPlainObject(value)) throw cardError('card_bad_field', 'The card field "extensions" must be an object');
  const ours = isPlainObject(value[OUR_EXTENSION]) ? value[OUR_EXTENSION] : {};
  return { extensions: pick(value, (k) => k !== OUR_EXTENSION), ours };
}

function readBook(value: Json | undefined): { entries: LorebookEntry[]; extras?: Record<string, Json> } {
  // `character_book: null` is common in the wild; it means "no lorebook".
  if (value === undefined || value === null) return { entries: [] };
  if (!isPlainObject(value)) throw cardError('card_bad_book', 'character_book must be an object with an "entries" list');
  const rawEntries = value.entries ?? [];
  if (!Array.isArray(rawEntries)) throw cardError('card_bad_book', 'character_book.entries must be a list');
  const entries = rawEntries.map((e, i) => readEntry(e, i));
  const extras = pick(value, (k, v) => k !== 'entries' && !isWriterDefault(WRITER_DEFAULTS.book, k, v));
  // A book with neither entries nor anything else is the same as no book.
  return { entries, extras };
}

function readEntry(value: Json, index: number): LorebookEntry {
  const at = `character_book.entries[${index}]`;
  if (!isPlainObject(value)) throw cardError('card_bad_book', `${at} must be an object`);
  const keys = keyList(value.keys, `${at}.keys`);
  const content = value.content ?? '';
  if (typeof content !== 'string') throw cardError('card_bad_book', `${at}.content must be text`);
  const order = value.insertion_order ?? 100;
  if (typeof order !== 'number' || !Number.isFinite(order)) throw cardError('card_bad_book', `${at}.insertion_order must be a number`);
  return {
    keys,
    secondaryKeys: keyList(value.secondary_keys, `${at}.secondary_keys`),
    content,
    enabled: value.enabled !== false,
    order: Math.round(order),
    constant: value.constant === true,
    caseSensitive: value.case_sensitive === true,
    extra: pick(value, (k, v) => !MAPPED_ENTRY_KEYS.has(k) && !isWriterDefault(WRITER_DEFAULTS.entry, k, v)),
  };
}

function requiredName(value: Json | undefined): string {
  if (typeof value !== 'string' || !value.trim()) throw cardError('card_missing_name', 'The card has no name');
  return value;
}

function str(data: Record<string, Json>, key: string): string {
  const v = data[key];
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw cardError('card_bad_field', `The card field "${key}" must be text`);
}

function strList(data: Record<string, Json>, key: string): string[] {
  const v = data[key];
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return key === 'tags' ? v.split(',') : [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw cardError('card_bad_field', `The card field "${key}" must be a list of text`);
}

function keyList(value: Json | undefined, at: string): string[] {
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list) || !list.every((k) => typeof k === 'string')) throw cardError('card_bad_book', `${at} must be a list of text`);
  return (list as string[]).map((k) => k.trim()).filter(Boolean);
}

function pick(obj: Record<string, Json>, keep: (key: string, value: Json) => boolean): Record<string, Json> | undefined {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(obj)) if (keep(k, v)) out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

function compactExtras(card: CardExtras): CardExtras | undefined {
  const out = Object.fromEntries(Object.entries(card).filter(([, v]) => v !== undefined)) as CardExtras;
  return Object.keys(out).length ? out : undefined;
}
