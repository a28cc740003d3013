import { describe, expect, it } from 'vitest';
import { readUpload } from '@/lib/http/upload';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://test.local/upload', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('readUpload', () => {
  it('reads a raw body and a multipart file', async () => {
    expect((await readUpload(post(new Uint8Array([1, 2, 3])), 10)).length).toBe(3);
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array([9, 9])]), 'card.png');
    const req = new Request('http://test.local/upload', { method: 'POST', body: form });
    expect([...(await readUpload(req, 10))]).toEqual([9, 9]);
  });

  it('refuses a body over the limit with 413, whether declared or streamed', async () => {
    await expect(readUpload(post(new Uint8Array(11)), 10)).rejects.toMatchObject({ code: 'payload_too_large' });
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new Uint8Array(8));
        c.enqueue(new Uint8Array(8));
        c.close();
      },
    });
    await expect(readUpload(post(stream), 10)).rejects.toMatchObject({ code: 'payload_too_large' });
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(20)]), 'big.png');
    await expect(readUpload(new Request('http://test.local/u', { method: 'POST', body: form }), 10)).rejects.toMatchObject({
      code: 'payload_too_large',
    });
  });

  it('asks for the file when a form has none', async () => {
    const form = new FormData();
    form.set('other', 'x');
    await expect(readUpload(new Request('http://test.local/u', { method: 'POST', body: form }), 10)).rejects.toMatchObject({
      fields: { file: 'required' },
    });
  });
});
