import { tooLarge, validationError } from '@/lib/errors';
import { readBytes } from './read-body';

// Room for the multipart envelope (boundaries, part headers) on top of the file itself.
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * An uploaded file, sent either as the raw request body or as the `file` part of a multipart form. Either way the
 * body is cut off at the size limit while it streams in (413), never buffered whole first.
 */
export async function readUpload(req: Request, maxBytes: number): Promise<Buffer> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) return readBytes(req, maxBytes);
  const body = await readBytes(req, maxBytes + MULTIPART_OVERHEAD);
  let file: FormDataEntryValue | null;
  try {
    file = (await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData()).get('file');
  } catch {
    throw validationError('The upload could not be read as a form', { file: 'required' });
  }
  if (!file || typeof file === 'string') throw validationError('No file was sent (expected a "file" field)', { file: 'required' });
  if (file.size > maxBytes) throw tooLarge(`The file is larger than ${maxBytes} bytes`);
  return Buffer.from(await file.arrayBuffer());
}
