import fs from 'node:fs';
import path from 'node:path';
import extractChunks from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import * as pngText from 'png-chunk-text';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCardFile } from '@/lib/personas/cards/card-file';
import { writePngCard } from '@/lib/personas/cards/png-card';
import { readCard } from '@/lib/personas/cards/read-card';
import { writeCard } from '@/lib/personas/cards/write-card';
import { profileSchema } from '@/lib/personas/profile';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/cards', name));
const json = (name: string) => JSON.parse(fixture(name).toString('utf8'));
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64');

let plainPng: Buffer;
beforeAll(async () => {
  plainPng = await sharp({ create: { width: 8, height: 12, channels: 3, background: '#c0ffee' } }).png().toBuffer();
});

/** A PNG with the given tEXt chunks, built with the chunk libraries directly rather than with our writer. */
function pngWith(texts: [string, string][]): Buffer {
  const chunks = extractChunks(plainPng);
  chunks.splice(-1, 0, ...texts.map(([k, v]) => pngText.encode(k, v)));
  return Buffer.from(encodeChunks(chunks));
}

function problem(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return (err as { fields?: Record<string, string> }).fields?.file;
  }
  return undefined;
}

describe('reading cards', () => {
  it('maps every V2 field, keeps what has no home, and handles CJK and emoji', () => {
    const { profile, spec } = readCardFile(fixture('v2-full.json'));
    expect(spec).toBe('v2');
    expect(profile).toMatchObject({
      name: '林黛玉 🌸',
      description: expect.stringContaining('大观园'),
      personality: expect.stringContaining('多愁善感'),
      scenario: expect.stringContaining('burying flowers'),
      greeting: '你来了？花都谢了，我正葬花呢。🌸 *She looks up.*',
      alternateGreetings: ['又是你。今天可有新诗？', '*sighs* The peonies are blooming again 🌺.'],
      exampleDialogues: expect.stringContaining('葬花。花落了'),
      systemPrompt: 'You are {{char}}. Stay in character. 保持角色。',
      postHistoryInstructions: 'Reply in at most three sentences.',
      tags: ['classic', '诗人', '🌸 flowers'],
    });
    expect(profile.lorebook).toEqual([
      {
        keys: ['潇湘馆', 'Xiaoxiang'],
        secondaryKeys: ['bamboo', '竹'],
        content: '潇湘馆 is her residence, surrounded by bamboo 🎋.',
        enabled: true,
        order: 10,
        constant: false,
        caseSensitive: false,
        extra: {
          extensions: { position: 1, depth: 4 },
          name: 'Residence',
          priority: 5,
          id: 1,
          comment: 'main location',
          selective: true,
          position: 'before_char',
        },
      },
      {
        keys: ['Baoyu', '宝玉'],
        secondaryKeys: [],
        content: 'Jia Baoyu, her cousin and confidant.',
        enabled: false,
        order: 20,
        constant: true,
        caseSensitive: true,
        extra: { position: 'after_char', custom_entry_field: { kept: ['yes', 1] } },
      },
    ]);
    expect(profile.card).toEqual({
      fields: {
        creator_notes: 'Works best in Chinese. 中文效果最好。',
        creator: 'test-author',
        character_version: '1.2',
        unknown_data_field: 'kept on round trip',
      },
      extensions: json('v2-full.json').data.extensions,
      book: {
        name: '大观园 Lore',
        description: 'Places and people of the garden.',
        scan_depth: 4,
        token_budget: 512,
        recursive_scanning: false,
        extensions: { world_tag: 'garden' },
      },
      top: { create_date: '2024-3-1 @12h 00m 00s 000ms', talkativeness: '0.5' },
      mirrorV1: true,
    });
  });

  it('reads V3 fields and our own extension (tagline, language, model settings)', () => {
    const { profile, model, spec } = readCardFile(fixture('v3-full.json'));
    expect(spec).toBe('v3');
    expect(profile.tagline).toBe('Master of the deep 🐋');
    expect(profile.language).toBe('en');
    expect(model).toEqual({ modelId: null, temperature: 0.7, maxOutputTokens: 400 });
    expect(profile.card?.extensions).toEqual({ risuai: { customScripts: [] } });
    expect(profile.card?.fields).toMatchObject({
      group_only_greetings: ['Gentlemen, the Nautilus is at your service.'],
      nickname: 'Nemo',
      creator_notes_multilingual: { zh: '一张覆盖所有字段的 V3 角色卡。', ja: '全フィールドのカード' },
      source: ['https://example.test/cards/nemo'],
      creation_date: 1700000000,
      modification_date: 1700000500,
      assets: [{ type: 'icon', uri: 'ccdefault:', name: 'main', ext: 'png' }],
    });
    expect(profile.lorebook[0]).toMatchObject({ caseSensitive: true, constant: true, extra: { use_regex: true, priority: 10 } });
  });

  it('reads a V1 card and keeps its extra top-level keys', () => {
    const { profile, spec } = readCardFile(fixture('v1.json'));
    expect(spec).toBe('v1');
    expect(profile).toMatchObject({ name: 'Old Sailor 🧓', scenario: 'A harbour tavern. 港口酒馆。', greeting: 'Pull up a stool, landlubber.' });
    expect(profile.card).toEqual({ top: { avatar: 'none', chat: 'Old Sailor - 2023-1-1', creatorcomment: 'V1 extras are kept too' } });
  });

  it('treats character_book: null as no lorebook, and a name + description card as complete', () => {
    const { profile } = readCardFile(fixture('v2-null-book.json'));
    expect(profile.lorebook).toEqual([]);
    expect(profile.card).toBeUndefined();
    expect(profile.name).toBe('Minimal Mia');
  });
});

describe('round trips', () => {
  it.each([
    ['v2-full.json', 'v2'],
    ['v3-full.json', 'v3'],
    ['v1.json', 'v2'],
    ['v2-null-book.json', 'v2'],
  ] as const)('%s → %s JSON → import gives the same profile and keeps every original value', (file, version) => {
    const original = json(file);
    const first = readCard(original);
    const exported = writeCard(first.profile, first.model, version);
    const second = readCard(JSON.parse(JSON.stringify(exported)));
    expect(second.profile).toEqual(first.profile);
    expect(second.model).toEqual(first.model);
    if (original.data) {
      // Everything the card said is still said, in the same place (values of regenerated V1 mirrors aside).
      const { data, spec, spec_version, ...top } = original;
      if (data.character_book === null) {
        // null means "no lorebook": the export leaves the optional field out.
        const { character_book: _null, ...rest } = data;
        expect(exported.data).toMatchObject(rest);
        expect(exported.data).not.toHaveProperty('character_book');
      } else {
        expect(exported.data).toMatchObject(data);
      }
      expect(exported).toMatchObject({ spec, spec_version });
      for (const key of Object.keys(top)) expect(exported).toHaveProperty(key);
    } else {
      expect(exported).toMatchObject({ avatar: 'none', chat: 'Old Sailor - 2023-1-1', creatorcomment: 'V1 extras are kept too' });
    }
  });

  it('a persona made in the app comes back from a PNG card exactly, model settings included', async () => {
    const profile = profileSchema.parse({
      name: '测试 Tester 🤖',
      tagline: 'Short line ✨',
      description: 'Desc',
      greeting: 'Hi 你好',
      alternateGreetings: ['Yo'],
      lorebook: [{ keys: ['k'], content: 'c', secondaryKeys: ['s'], constant: true }],
      tags: ['a', '标签'],
      language: 'zh-CN',
    });
    const model = { modelId: 'offline:persona-1', temperature: 1.1, maxOutputTokens: 256 };
    const png = writePngCard(plainPng, writeCard(profile, model, 'v2'), writeCard(profile, model, 'v3'));
    const back = readCardFile(png);
    expect(back.kind).toBe('png');
    expect(back.profile).toEqual(profile);
    expect(back.model).toEqual(model);
    expect((await sharp(back.png!).metadata()).width).toBe(8);
  });

  it('writes both chunks into the PNG, replacing any card it already had', () => {
    const old = pngWith([['chara', b64({ name: 'Old' })]]);
    const profile = profileSchema.parse({ name: 'New' });
    const model = { modelId: null, temperature: null, maxOutputTokens: null };
    const png = writePngCard(old, writeCard(profile, model, 'v2'), writeCard(profile, model, 'v3'));
    const texts = extractChunks(png)
      .filter((c) => c.name === 'tEXt')
      .map((c) => pngText.decode(c.data));
    expect(texts.map((t) => t.keyword).sort()).toEqual(['ccv3', 'chara']);
    const byKey = Object.fromEntries(texts.map((t) => [t.keyword, JSON.parse(Buffer.from(t.text, 'base64').toString('utf8'))]));
    expect(byKey.chara).toMatchObject({ spec: 'chara_card_v2', data: { name: 'New' } });
    expect(byKey.ccv3).toMatchObject({ spec: 'chara_card_v3', spec_version: '3.0', data: { name: 'New', group_only_greetings: [] } });
  });
});

describe('PNG cards', () => {
  it('reads a PNG with only a chara chunk', () => {
    const png = pngWith([['chara', b64(json('v2-full.json'))]]);
    expect(readCardFile(png).profile.name).toBe('林黛玉 🌸');
  });

  it('prefers ccv3 over chara, and falls back to chara when ccv3 is broken', () => {
    const v2 = { spec: 'chara_card_v2', data: { name: 'From chara' } };
    const v3 = { spec: 'chara_card_v3', spec_version: '3.0', data: { name: 'From ccv3' } };
    expect(readCardFile(pngWith([['chara', b64(v2)], ['ccv3', b64(v3)]])).profile.name).toBe('From ccv3');
    expect(readCardFile(pngWith([['ccv3', 'bm90IGpzb24'], ['chara', b64(v2)]])).profile.name).toBe('From chara');
  });
});

describe('bad cards are refused with a reason', () => {
  const text = (s: string) => Buffer.from(s, 'utf8');
  it.each([
    ['an empty file', Buffer.alloc(0), 'card_empty'],
    ['bad JSON', text('{"spec": "chara_card_v2", "data": {'), 'card_invalid_json'],
    ['a JSON array', text('[1, 2]'), 'card_not_object'],
    ['a wrong spec', text('{"spec":"chara_card_v9","data":{"name":"x"}}'), 'card_wrong_spec'],
    ['a V2 card without data', text('{"spec":"chara_card_v2"}'), 'card_missing_data'],
    ['a missing name', text('{"spec":"chara_card_v2","data":{"description":"no name"}}'), 'card_missing_name'],
    ['a blank V1 name', text('{"name":"  ","description":"x"}'), 'card_missing_name'],
    ['a character_book that is text', text('{"spec":"chara_card_v2","data":{"name":"x","character_book":"oops"}}'), 'card_bad_book'],
    ['entries that are not a list', text('{"spec":"chara_card_v2","data":{"name":"x","character_book":{"entries":{}}}}'), 'card_bad_book'],
    ['a description that is an object', text('{"spec":"chara_card_v2","data":{"name":"x","description":{}}}'), 'card_bad_field'],
    ['a name over the limit', text(JSON.stringify({ name: 'x'.repeat(500) })), 'card_bad_field'],
    ['binary that is not an image', Buffer.from([1, 2, 3, 0, 5, 6, 7, 8, 9, 10, 11, 12]), 'card_unknown_format'],
    ['plain text', text('hello there'), 'card_unknown_format'],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]), 'card_image_without_card'],
    ['a CHARX zip', Buffer.from('PK\u0003\u0004rest-of-zip', 'latin1'), 'card_charx_unsupported'],
  ])('%s', (_label, bytes, expected) => {
    expect(problem(() => readCardFile(bytes))).toBe(expected);
  });

  it('refuses a PNG without a card chunk, a truncated PNG and a PNG whose chunk lies about its length', () => {
    expect(problem(() => readCardFile(plainPng))).toBe('card_no_chunk');
    const card = pngWith([['chara', b64(json('v1.json'))]]);
    expect(problem(() => readCardFile(card.subarray(0, card.length - 40)))).toBe('card_damaged_png');
    const lying = Buffer.from(card);
    lying.writeUInt32BE(0xfffffff0, 8); // the IHDR chunk claims ~4 GB
    expect(problem(() => readCardFile(lying))).toBe('card_damaged_png');
    const flipped = Buffer.from(card);
    flipped[20] = flipped[20]! ^ 0xff; // CRC no longer matches
    expect(problem(() => readCardFile(flipped))).toBe('card_damaged_png');
  });

  it('refuses a card chunk that is not base64 JSON', () => {
    expect(problem(() => readCardFile(pngWith([['chara', '!!! not base64 !!!']])))).toBe('card_bad_chunk');
  });
});
