import extractChunks, { type PngChunk } from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import * as pngText from 'png-chunk-text';
import { cardError } from './card-error';
import type { Json } from './card-shape';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CARD_KEYWORDS = ['ccv3', 'chara'] as const; // in order of preference

export function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(PNG_SIGNATURE);
}

/** The card JSON text inside a PNG: the `ccv3` tEXt chunk if it holds a card, else `chara`. */
export function readPngCardText(bytes: Buffer): string {
  const chunks = safeExtract(bytes);
  const texts = new Map<string, string>();
  for (const chunk of chunks) {
    if (chunk.name !== 'tEXt') continue;
    try {
      const { keyword, text } = pngText.decode(chunk.data);
      const key = keyword.toLowerCase();
      if ((CARD_KEYWORDS as readonly string[]).includes(key) && !texts.has(key)) texts.set(key, text);
    } catch {
      // A malformed text chunk that is not ours is none of our business.
    }
  }
  if (!texts.size) throw cardError('card_no_chunk', 'This PNG has no character card in it (no "ccv3" or "chara" text chunk)');
  let firstError: Error | undefined;
  for (const keyword of CARD_KEYWORDS) {
    const text = texts.get(keyword);
    if (text === undefined) continue;
    try {
      const json = decodeChunkText(text);
      JSON.parse(json);
      return json;
    } catch (err) {
      // A broken ccv3 beside a good chara still gives a card.
      firstError ??= err as Error;
    }
  }
  throw cardError('card_bad_chunk', `The PNG's card chunk is not base64-encoded JSON (${firstError?.message ?? 'unreadable'})`);
}

/** The same PNG with our card in both chunks (`chara` = V2, `ccv3` = V3), replacing any card it carried. */
export function writePngCard(png: Buffer, v2: Record<string, Json>, v3: Record<string, Json>): Buffer {
  const chunks = safeExtract(png).filter((c) => !(c.name === 'tEXt' && isCardChunk(c)));
  const end = chunks.findIndex((c) => c.name === 'IEND');
  chunks.splice(end, 0, pngText.encode('chara', toBase64(v2)), pngText.encode('ccv3', toBase64(v3)));
  return Buffer.from(encodeChunks(chunks));
}

function isCardChunk(chunk: PngChunk): boolean {
  try {
    return (CARD_KEYWORDS as readonly string[]).includes(pngText.decode(chunk.data).keyword.toLowerCase());
  } catch {
    return false;
  }
}

function toBase64(card: Record<string, Json>): string {
  return Buffer.from(JSON.stringify(card), 'utf8').toString('base64');
}

function decodeChunkText(text: string): string {
  const trimmed = text.trim();
  // Some tools store the JSON itself rather than base64 of it.
  if (trimmed.startsWith('{')) return trimmed;
  if (!/^[A-Za-z0-9+/=\s_-]+$/.test(trimmed)) throw new Error('not base64');
  return Buffer.from(trimmed, 'base64').toString('utf8');
}

/**
 * The chunk library trusts each chunk's declared length and would allocate whatever a crafted file claims, so the
 * chunk headers are checked against the real file size first; everything else is the library's parse (with CRCs).
 */
function safeExtract(bytes: Buffer): PngChunk[] {
  if (!isPng(bytes)) throw cardError('card_damaged_png', 'The file is not a PNG image');
  let at = 8;
  for (;;) {
    if (at + 12 > bytes.length) throw cardError('card_damaged_png', 'The PNG file is truncated');
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8).replace(/[^A-Za-z]/g, '?');
    if (at + 12 + length > bytes.length) throw cardError('card_damaged_png', `The PNG file is truncated (inside a ${type} chunk)`);
    if (type === 'IEND') break;
    at += 12 + length;
  }
  try {
    return extractChunks(bytes);
  } catch (err) {
    throw cardError('card_damaged_png', `The PNG file is damaged: ${(err as Error).message}`);
  }
}
