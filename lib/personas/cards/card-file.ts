import { cardError } from './card-error';
import { isPng, readPngCardText } from './png-card';
import { readCard, type ImportedCard } from './read-card';

export type CardFile = ImportedCard & { kind: 'json' | 'png'; png?: Buffer };

/** A card file as uploaded (JSON or PNG, any spec) → the profile it holds; the PNG comes back to become the avatar. */
export function readCardFile(bytes: Buffer): CardFile {
  if (!bytes.length) throw cardError('card_empty', 'The file is empty');
  if (isPng(bytes)) return { ...readCard(parseJson(readPngCardText(bytes))), kind: 'png', png: bytes };
  refuseOtherBinaries(bytes);
  return { ...readCard(parseJson(bytes.toString('utf8').replace(/^\uFEFF/, ''))), kind: 'json' };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const looksLikeJson = /^\s*[[{"]/.test(text);
    if (!looksLikeJson) throw cardError('card_unknown_format', 'The file is neither a PNG card nor a JSON card');
    throw cardError('card_invalid_json', `The card is not valid JSON: ${(err as Error).message}`);
  }
}

function refuseOtherBinaries(bytes: Buffer): void {
  const head = bytes.subarray(0, 12);
  const isJpeg = head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  const isWebp = head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP';
  const isGif = head.toString('latin1', 0, 4) === 'GIF8';
  if (isJpeg || isWebp || isGif) {
    throw cardError('card_image_without_card', 'Only PNG images can carry a character card; this image is not a PNG');
  }
  if (head.toString('latin1', 0, 4) === 'PK\u0003\u0004') {
    throw cardError('card_charx_unsupported', 'CHARX (zip) cards are not supported; export the card as PNG or JSON');
  }
  if (bytes.includes(0)) throw cardError('card_unknown_format', 'The file is neither a PNG card nor a JSON card');
}
