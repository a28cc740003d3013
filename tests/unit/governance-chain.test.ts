import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentBytes, contentHash, GENESIS_HASH, recordHash } from '@/lib/governance/canonical';
import { sealRecord } from '@/lib/governance/envelope';
import { searchTokens } from '@/lib/governance/tokens';
import { ChainVerifier, verifyExportLines, type ChainItem } from '@/lib/governance/verify';

describe('canonical hashing', () => {
  it('serialises equal objects to the same bytes whatever their key order (RFC 8785)', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1.5, y: 1e21 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"y":1e+21,"z":1.5}}',
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it('hashes the previous hash (hex, as stored) followed by the record bytes', () => {
    const prev = 'ab'.repeat(32);
    const expected = createHash('sha256').update(`${prev}{"a":1,"t":"中"}`, 'utf8').digest('hex');
    expect(recordHash(prev, '{"a":1,"t":"中"}')).toBe(expected);
  });

  it('builds content bytes from stored text exactly as canonical JSON of {prompt, output}', () => {
    const prompts = [null, [{ role: 'user', content: '你好 "quoted" \\ \n 😀' }], { z: 1, a: [1.25, -0, 'é'] }];
    const outputs = [null, '', 'line\nbreak\ttab "q" \u2028 😀 中文'];
    for (const prompt of prompts) {
      for (const output of outputs) {
        const stored = prompt === null ? null : canonicalJson(prompt);
        expect(contentBytes(stored, output)).toBe(canonicalJson({ prompt, output }));
      }
    }
  });

  it('replaces lone surrogates instead of refusing to record the text', () => {
    expect(canonicalJson({ t: 'a\uD83Db' })).toBe('{"t":"a\uFFFDb"}');
    expect(contentHash(null, 'x')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('splits Chinese into words for search', () => {
    const tokens = searchTokens('我喜欢北京的天气, Hello World');
    expect(tokens).toContain('北京');
    expect(tokens).toContain('天气');
    expect(tokens).toContain('hello');
  });
});

/** A chain of n records in memory, with content on each, as the database would hold it. */
function chain(n: number): ChainItem[] {
  const items: ChainItem[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const bytes = contentBytes(canonicalJson([{ role: 'user', content: `message ${seq}` }]), `reply ${seq}`);
    const { envelope, hash } = sealRecord(
      { id: `id-${seq}`, kind: 'generation.end', content_hash: createHash('sha256').update(bytes).digest('hex') },
      { seq, time: '2026-01-01T00:00:00.000Z', prevHash: prev, appVersion: 'test' },
    );
    items.push({ envelope, hash, content: { state: 'present', bytes } });
    prev = hash;
  }
  return items;
}

function verify(items: ChainItem[]) {
  const v = new ChainVerifier();
  for (const item of items) {
    const brk = v.check(item);
    if (brk) return { ok: false, ...brk, erased: v.contentErased };
  }
  return { ok: true, checked: v.checked, erased: v.contentErased };
}

describe('chain verification', () => {
  it('accepts an intact chain', () => {
    expect(verify(chain(10))).toMatchObject({ ok: true, checked: 10 });
  });

  it('finds one changed byte in a record', () => {
    const items = chain(10);
    items[4] = { ...items[4]!, envelope: items[4]!.envelope.replace('"kind":"generation.end"', '"kind":"generation.enD"') };
    expect(verify(items)).toMatchObject({ ok: false, seq: 5, reason: 'hash_mismatch' });
  });

  it('finds a removed record', () => {
    const items = chain(10);
    items.splice(6, 1);
    expect(verify(items)).toMatchObject({ ok: false, seq: 8, reason: 'seq_gap' });
  });

  it('finds a reordered pair', () => {
    const items = chain(10);
    [items[2], items[3]] = [items[3]!, items[2]!];
    expect(verify(items)).toMatchObject({ ok: false, seq: 4, reason: 'seq_gap' });
  });

  it('finds a record rewritten with a fresh hash by its broken link to the next', () => {
    const items = chain(5);
    const env = JSON.parse(items[1]!.envelope);
    const forged = canonicalJson({ ...env, kind: 'event.forged' });
    items[1] = { ...items[1]!, envelope: forged, hash: recordHash(env.prev_hash, forged) };
    expect(verify(items)).toMatchObject({ ok: false, seq: 3, reason: 'prev_mismatch' });
  });

  it('tells erased content from changed content', () => {
    const items = chain(4);
    items[1] = { ...items[1]!, content: { state: 'erased' } };
    expect(verify(items)).toMatchObject({ ok: true, erased: 1 });
    items[2] = { ...items[2]!, content: { state: 'present', bytes: items[2]!.content.state === 'present' ? items[2]!.content.bytes.replace('reply', 'Reply') : '' } };
    expect(verify(items)).toMatchObject({ ok: false, seq: 3, reason: 'content_mismatch' });
    items[2] = { ...items[2]!, content: { state: 'none' } };
    expect(verify(items)).toMatchObject({ ok: false, seq: 3, reason: 'content_mismatch' });
  });

  it('verifies an export offline from parsed records, re-canonicalised', async () => {
    const items = chain(3);
    const lines = [
      JSON.stringify({ type: 'persona.audit.export', version: 1, complete: true }),
      ...items.map((it, i) =>
        JSON.stringify({
          type: 'record',
          seq: i + 1,
          hash: it.hash,
          record: JSON.parse(it.envelope),
          content: { prompt: [{ role: 'user', content: `message ${i + 1}` }], output: `reply ${i + 1}` },
        }),
      ),
    ];
    async function* gen(ls: string[]) {
      yield* ls;
    }
    expect(await verifyExportLines(gen(lines))).toMatchObject({ ok: true, checked: 3 });
    const dropped = [lines[0]!, lines[1]!, lines[3]!];
    expect(await verifyExportLines(gen(dropped))).toMatchObject({ ok: false, break: { seq: 3, reason: 'seq_gap' } });
  });
});
