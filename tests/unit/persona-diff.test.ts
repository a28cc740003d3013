import { describe, expect, it } from 'vitest';
import { diffVersions, type VersionSnapshot } from '@/lib/personas/diff';
import { profileSchema } from '@/lib/personas/profile';

const base: VersionSnapshot = {
  profile: profileSchema.parse({
    name: 'Ada',
    description: 'A mathematician.',
    greeting: 'Hello.',
    alternateGreetings: ['Hi.', 'Good day.'],
    lorebook: [{ keys: ['engine'], content: 'The Analytical Engine.' }],
    tags: ['history'],
  }),
  avatarAssetId: null,
  model: { modelId: null, temperature: null, maxOutputTokens: null },
};
const edit = (patch: Partial<VersionSnapshot['profile']>, rest: Partial<Omit<VersionSnapshot, 'profile'>> = {}): VersionSnapshot => ({
  ...base,
  ...rest,
  profile: { ...base.profile, ...patch },
});

describe('diffVersions', () => {
  it('finds nothing between equal versions', () => {
    expect(diffVersions(base, structuredClone(base))).toEqual([]);
  });

  it('lists changed fields in form order with before and after', () => {
    const changes = diffVersions(base, edit({ greeting: 'Welcome! 欢迎', name: 'Ada L.', tagline: 'Poet of science' }));
    expect(changes).toEqual([
      { path: ['name'], kind: 'changed', before: 'Ada', after: 'Ada L.' },
      { path: ['tagline'], kind: 'added', before: '', after: 'Poet of science' },
      { path: ['greeting'], kind: 'changed', before: 'Hello.', after: 'Welcome! 欢迎' },
    ]);
  });

  it('compares alternate greetings item by item', () => {
    expect(diffVersions(base, edit({ alternateGreetings: ['Hi!', 'Good day.', 'Hey.'] }))).toEqual([
      { path: ['alternateGreetings', 0], kind: 'changed', before: 'Hi.', after: 'Hi!' },
      { path: ['alternateGreetings', 2], kind: 'added', after: 'Hey.' },
    ]);
    expect(diffVersions(base, edit({ alternateGreetings: ['Hi.'] }))).toEqual([
      { path: ['alternateGreetings', 1], kind: 'removed', before: 'Good day.' },
    ]);
  });

  it('compares lorebook entries field by field, and notices added entries', () => {
    const [entry] = base.profile.lorebook;
    const changed = edit({
      lorebook: [{ ...entry!, content: 'Babbage’s engine.', enabled: false }, { ...entry!, keys: ['note G'] }],
    });
    expect(diffVersions(base, changed)).toEqual([
      { path: ['lorebook', 0, 'content'], kind: 'changed', before: 'The Analytical Engine.', after: 'Babbage’s engine.' },
      { path: ['lorebook', 0, 'enabled'], kind: 'changed', before: true, after: false },
      { path: ['lorebook', 1], kind: 'added', after: { ...entry, keys: ['note G'] } },
    ]);
  });

  it('covers tags, avatar and model settings', () => {
    const changes = diffVersions(
      base,
      edit({ tags: ['history', 'math'] }, { avatarAssetId: 'a1', model: { modelId: 'gpt', temperature: 0.5, maxOutputTokens: null } }),
    );
    expect(changes.map((c) => [c.path[0], c.kind])).toEqual([
      ['avatar', 'added'],
      ['tags', 'changed'],
      ['modelId', 'added'],
      ['temperature', 'added'],
    ]);
  });

  it('sees changes in kept card fields regardless of key order', () => {
    const a = edit({ card: { fields: { creator: 'x', nickname: 'n' } } });
    const b = edit({ card: { fields: { nickname: 'n', creator: 'x' } } });
    expect(diffVersions(a, b)).toEqual([]);
    expect(diffVersions(a, edit({ card: { fields: { creator: 'y' } } }))).toHaveLength(1);
  });
});
