import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/messages/en.json';
import zh from '@/lib/i18n/messages/zh-CN.json';
import { localeFromAcceptLanguage } from '@/lib/i18n/config';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('message catalogs', () => {
  it('have the same keys in English and Simplified Chinese', () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });

  it('translate the navigation into Chinese', () => {
    expect(zh.nav.personas).toBe('角色');
    expect(zh.nav.audit).not.toBe(en.nav.audit);
  });
});

describe('Accept-Language negotiation', () => {
  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR,de;q=0.5', 'en'],
    ['fr;q=0.9,zh;q=0.8', 'zh-CN'],
    [null, 'en'],
  ])('%s → %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
