import { createUIMessageStreamResponse, streamText } from 'ai';
import { resolveModel } from '@/lib/ai/registry';

export const dynamic = 'force-dynamic';

// POST /api/bench/stream — the benchmarks' framework floor: the same model streamed through the same SDK and
// response path as /api/chat, with no session, database or prompt work. Exists only when BENCH_ROUTES=1.
export async function POST(req: Request) {
  if (process.env.BENCH_ROUTES !== '1') return new Response('Not found', { status: 404 });
  const { modelId = 'compatible:fake-small', text = 'hi' } = (await req.json().catch(() => ({}))) as {
    modelId?: string;
    text?: string;
  };
  const result = streamText({ model: resolveModel(modelId), prompt: text, maxRetries: 0, onError: () => {} });
  return createUIMessageStreamResponse({
    stream: result.toUIMessageStream(),
    headers: { 'cache-control': 'no-cache, no-transform' },
  });
}
