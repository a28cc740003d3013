import type { LorebookEntry, ModelSettings, PersonaProfile } from './profile';

/** What a version holds that a reader can compare. */
export type VersionSnapshot = { profile: PersonaProfile; avatarAssetId: string | null; model: ModelSettings };

export type DiffPath = [field: DiffField, index?: number, entryField?: keyof LorebookEntry];
export type FieldChange = {
  path: DiffPath;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
};

/** Fields in the order the persona form shows them; the diff lists changes in this order. */
export const diffFields = [
  'name',
  'tagline',
  'avatar',
  'description',
  'personality',
  'scenario',
  'greeting',
  'alternateGreetings',
  'exampleDialogues',
  'systemPrompt',
  'postHistoryInstructions',
  'lorebook',
  'tags',
  'language',
  'modelId',
  'temperature',
  'maxOutputTokens',
  'card',
] as const;
export type DiffField = (typeof diffFields)[number];

const entryFields: (keyof LorebookEntry)[] = ['keys', 'secondaryKeys', 'content', 'enabled', 'order', 'constant', 'caseSensitive', 'extra'];

/** Field-by-field differences from `a` to `b`. Lists are compared item by item; lorebook entries field by field. */
export function diffVersions(a: VersionSnapshot, b: VersionSnapshot): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of diffFields) {
    const before = valueOf(a, field);
    const after = valueOf(b, field);
    if (field === 'alternateGreetings') changes.push(...diffList(field, before as string[], after as string[]));
    else if (field === 'lorebook') changes.push(...diffLorebook(before as LorebookEntry[], after as LorebookEntry[]));
    else if (!same(before, after)) changes.push({ path: [field], kind: kindOf(before, after), before, after });
  }
  return changes;
}

function valueOf(s: VersionSnapshot, field: DiffField): unknown {
  switch (field) {
    case 'avatar':
      return s.avatarAssetId;
    case 'modelId':
    case 'temperature':
    case 'maxOutputTokens':
      return s.model[field];
    case 'alternateGreetings':
    case 'lorebook':
    case 'tags':
      return s.profile[field] ?? [];
    case 'card':
      return s.profile.card ?? null;
    default:
      return s.profile[field] ?? '';
  }
}

function diffList(field: DiffField, a: string[], b: string[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i >= a.length) out.push({ path: [field, i], kind: 'added', after: b[i] });
    else if (i >= b.length) out.push({ path: [field, i], kind: 'removed', before: a[i] });
    else if (a[i] !== b[i]) out.push({ path: [field, i], kind: 'changed', before: a[i], after: b[i] });
  }
  return out;
}

function diffLorebook(a: LorebookEntry[], b: LorebookEntry[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (!x) out.push({ path: ['lorebook', i], kind: 'added', after: y });
    else if (!y) out.push({ path: ['lorebook', i], kind: 'removed', before: x });
    else {
      for (const f of entryFields) {
        if (!same(x[f], y[f])) out.push({ path: ['lorebook', i, f], kind: kindOf(x[f], y[f]), before: x[f], after: y[f] });
      }
    }
  }
  return out;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function kindOf(before: unknown, after: unknown): FieldChange['kind'] {
  if (isEmpty(before) && !isEmpty(after)) return 'added';
  if (!isEmpty(before) && isEmpty(after)) return 'removed';
  return 'changed';
}

/** Structural equality for JSON values (key order does not matter). */
export function same(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
