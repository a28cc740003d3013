import type { LorebookEntry, ModelSettings, PersonaProfile } from '../profile';
import { OUR_EXTENSION, V1_FIELDS, WRITER_DEFAULTS, type Json } from './card-shape';

export type CardVersion = 'v2' | 'v3';

/**
 * A profile as a Character Card (V2 `chara_card_v2` or V3 `chara_card_v3`). Fields the card kept from an import
 * (`profile.card`) are written back where they came from; our own fields without a card home (tagline, language,
 * model settings) go into `data.extensions.persona`.
 */
export function writeCard(profile: PersonaProfile, model: ModelSettings, version: CardVersion): Record<string, Json> {
  const extras = profile.card ?? {};
  const ours = ourExtension(profile, model);
  const data: Record<string, Json> = {
    ...WRITER_DEFAULTS.data,
    ...(extras.fields as Record<string, Json> | undefined),
    name: profile.name,
    description: profile.description,
    personality: profile.personality,
    scenario: profile.scenario,
    first_mes: profile.greeting,
    mes_example: profile.exampleDialogues,
    system_prompt: profile.systemPrompt,
    post_history_instructions: profile.postHistoryInstructions,
    alternate_greetings: profile.alternateGreetings,
    tags: profile.tags,
    extensions: { ...(extras.extensions as Record<string, Json> | undefined), ...(ours ? { [OUR_EXTENSION]: ours } : {}) },
  };
  // group_only_greetings is a V3 field: a V2 card carries it only if the imported card had it.
  if (version === 'v2' && !extras.fields?.group_only_greetings) delete data.group_only_greetings;
  const book = writeBook(profile, version);
  if (book) data.character_book = book;
  const top = extras.top as Record<string, Json> | undefined;
  const mirror = extras.mirrorV1 ? Object.fromEntries(V1_FIELDS.map((k) => [k, data[k] as Json])) : {};
  return {
    ...top,
    ...mirror,
    spec: version === 'v2' ? 'chara_card_v2' : 'chara_card_v3',
    spec_version: version === 'v2' ? '2.0' : '3.0',
    data,
  };
}

function ourExtension(profile: PersonaProfile, model: ModelSettings): Record<string, Json> | undefined {
  const ours: Record<string, Json> = {};
  if (profile.tagline) ours.tagline = profile.tagline;
  if (profile.language) ours.language = profile.language;
  const m = Object.fromEntries(Object.entries(model).filter(([, v]) => v !== null)) as Record<string, Json>;
  if (Object.keys(m).length) ours.model = m;
  return Object.keys(ours).length ? ours : undefined;
}

function writeBook(profile: PersonaProfile, version: CardVersion): Record<string, Json> | undefined {
  const extras = profile.card?.book as Record<string, Json> | undefined;
  if (!profile.lorebook.length && !extras) return undefined;
  return {
    ...WRITER_DEFAULTS.book,
    ...extras,
    entries: profile.lorebook.map((e) => writeEntry(e, version)),
  };
}

function writeEntry(entry: LorebookEntry, version: CardVersion): Record<string, Json> {
  const defaults: Record<string, Json> =
    version === 'v3' ? WRITER_DEFAULTS.entry : { extensions: WRITER_DEFAULTS.entry.extensions };
  return {
    ...defaults,
    ...(entry.extra as Record<string, Json> | undefined),
    keys: entry.keys,
    secondary_keys: entry.secondaryKeys,
    content: entry.content,
    enabled: entry.enabled,
    insertion_order: entry.order,
    constant: entry.constant,
    case_sensitive: entry.caseSensitive,
  };
}
