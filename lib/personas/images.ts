import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { DomainError } from '@/lib/errors';
import { AVATAR_MAX_PIXELS, AVATAR_MAX_SIDE } from './limits';

export type AvatarImage = { mime: string; bytes: Buffer; sha256: string; width: number; height: number };

const accepted = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' } as const;
type AcceptedFormat = keyof typeof accepted;

/**
 * Decodes an uploaded image and re-encodes it (oriented, at most 1024 px, metadata stripped), so that what we
 * serve is always an image we produced, never the uploader's bytes. Only PNG, JPEG and WebP are accepted.
 */
export async function normaliseAvatar(input: Buffer): Promise<AvatarImage> {
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: AVATAR_MAX_PIXELS }).metadata()).format;
  } catch {
    throw new DomainError('validation', 'The file is not a readable image', { file: 'image_invalid' });
  }
  if (!format || !(format in accepted)) {
    throw new DomainError('unsupported_media_type', `Images must be PNG, JPEG or WebP (got ${format ?? 'unknown'})`, {
      file: 'image_type',
    });
  }
  try {
    const pipeline = sharp(input, { limitInputPixels: AVATAR_MAX_PIXELS, failOn: 'error' })
      .rotate()
      .resize(AVATAR_MAX_SIDE, AVATAR_MAX_SIDE, { fit: 'inside', withoutEnlargement: true });
    const f = format as AcceptedFormat;
    const encoded = f === 'png' ? pipeline.png() : f === 'jpeg' ? pipeline.jpeg({ quality: 88 }) : pipeline.webp({ quality: 88 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { mime: accepted[f], bytes: data, sha256: sha256(data), width: info.width, height: info.height };
  } catch {
    throw new DomainError('validation', 'The image data is damaged or truncated', { file: 'image_invalid' });
  }
}

/** Any stored avatar as PNG (cards travel as PNG). */
export async function toPng(bytes: Buffer): Promise<Buffer> {
  return sharp(bytes).png().toBuffer();
}

/** A card-shaped placeholder for personas without an avatar: a soft two-colour gradient picked from the name. */
export async function placeholderPng(name: string): Promise<Buffer> {
  const hue = parseInt(sha256(Buffer.from(name, 'utf8')).slice(0, 4), 16) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="600">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},70%,62%)"/><stop offset="1" stop-color="hsl(${(hue + 50) % 360},65%,40%)"/>
    </linearGradient></defs>
    <rect width="400" height="600" fill="url(#g)"/>
    <circle cx="200" cy="240" r="90" fill="rgba(255,255,255,0.35)"/>
    <rect x="80" y="360" width="240" height="150" rx="75" fill="rgba(255,255,255,0.35)"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
