import { z } from 'zod';
import { auditFilterSchema } from './queries';

export const exportQuerySchema = auditFilterSchema.extend({
  format: z.enum(['jsonl', 'csv'], { message: 'invalid_filter' }),
});

const contentTypes = { jsonl: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;

/** Streams an export as a file download, chunk by chunk as the database hands rows over. */
export function downloadResponse(chunks: AsyncGenerator<string>, format: 'jsonl' | 'csv'): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const name = `persona-audit-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${format}`;
  return new Response(body, {
    headers: { 'content-type': contentTypes[format], 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' },
  });
}
