import { generateText, Output, type LanguageModel } from 'ai';
import { z } from 'zod';
import { sameText } from './facts';
import { cleanMemoryText, MEMORY_KINDS, MEMORY_TEXT_MAX, type CandidateMemory, type MemoryOp } from './types';

/**
 * Extraction with a real model: structured output (generateText with Output.object and a zod schema) returning
 * the same ADD / UPDATE / DELETE / NONE operations as the offline extractor. The candidates are shown to the model
 * under short ids (m1, m2, …) rather than uuids, and every operation is checked before it is used: an id must be
 * one of the candidates, a text must fit, one memory is touched once. What fails a check is dropped and reported.
 */

// Every field present and nullable rather than optional: providers with strict JSON schemas (OpenAI) require it.
export const extractionSchema = z.object({
  operations: z
    .array(
      z.object({
        op: z.enum(['ADD', 'UPDATE', 'DELETE', 'NONE']),
        id: z.string().nullable().describe('UPDATE, DELETE, NONE: the id of an existing memory (m1, m2, …). ADD: null.'),
        text: z
          .string()
          .nullable()
          .describe('ADD, UPDATE: one short sentence in the third person, in the language of the user message.'),
        kind: z.enum(MEMORY_KINDS).nullable().describe('ADD, UPDATE: what the memory is about.'),
        importance: z.number().int().min(1).max(5).nullable().describe('ADD, UPDATE: 1 (trivia) to 5 (core).'),
      }),
    )
    .describe('Empty when nothing in the message is worth remembering.'),
});
export type ExtractionOutput = z.infer<typeof extractionSchema>;
export type RejectedOp = { operation: ExtractionOutput['operations'][number]; reason: string };

const MAX_OPERATIONS = 10;

const INSTRUCTIONS = `You keep the long-term memory that a persona has of one user.
Read the user's latest message and decide what to remember from it.
- Remember only what the user states about themself (facts about their life, preferences, plans), about their
  relationship with the persona (kind "relationship"), or notable events in their life (kind "event"). Everything
  else about the user is kind "user_fact".
- Never store a fact about someone else as the user's ("my sister lives in Paris" says nothing about where the
  user lives). Ignore questions, hypotheticals, jokes and role-play.
- Write each memory as one short sentence in the third person, in the language of the user's message:
  "The user lives in Lisbon", "The user's name is Ada", "用户住在里斯本", "用户叫艾达".
- Compare with the existing memories listed. If the message changes one (a new city, a changed taste), UPDATE it
  with its id and the new text. If the message says one no longer holds, DELETE it. If it only repeats one, NONE
  with its id. A new fact is ADD.
- Return an empty list when there is nothing worth remembering.`;

export function extractionPrompt(userText: string, candidates: CandidateMemory[]): string {
  const existing = candidates.length
    ? candidates.map((c, i) => `m${i + 1}: ${c.text}`).join('\n')
    : '(none)';
  return `Existing memories:\n${existing}\n\nThe user's latest message:\n"""\n${userText}\n"""`;
}

/** The model's operations, checked against the candidates (see the module comment). */
export function validateOperations(
  output: ExtractionOutput,
  candidates: CandidateMemory[],
): { ops: MemoryOp[]; rejected: RejectedOp[] } {
  const byShortId = new Map(candidates.map((c, i) => [`m${i + 1}`, c]));
  const touched = new Set<string>();
  const ops: MemoryOp[] = [];
  const rejected: RejectedOp[] = [];
  const reject = (operation: RejectedOp['operation'], reason: string) => rejected.push({ operation, reason });

  for (const o of output.operations.slice(0, MAX_OPERATIONS)) {
    const target = o.id ? byShortId.get(o.id.trim()) : undefined;
    const text = o.text ? cleanMemoryText(o.text) : '';
    const tooLong = !!o.text && o.text.trim().length > MEMORY_TEXT_MAX;
    if (o.op === 'NONE') {
      ops.push(target ? { op: 'NONE', id: target.id } : { op: 'NONE' });
      continue;
    }
    if (o.op === 'ADD') {
      if (!text || tooLong) reject(o, tooLong ? 'text too long' : 'no text');
      else {
        const repeat = candidates.find((c) => sameText(c.text, text));
        ops.push(
          repeat
            ? { op: 'NONE', id: repeat.id }
            : { op: 'ADD', text, kind: o.kind ?? 'user_fact', importance: o.importance ?? 3 },
        );
      }
      continue;
    }
    if (!target) {
      reject(o, `unknown id ${JSON.stringify(o.id)}`);
      continue;
    }
    if (touched.has(target.id)) {
      reject(o, 'memory already changed by an earlier operation');
      continue;
    }
    if (o.op === 'DELETE') {
      touched.add(target.id);
      ops.push({ op: 'DELETE', id: target.id });
    } else if (!text || tooLong) {
      reject(o, tooLong ? 'text too long' : 'no text');
    } else {
      touched.add(target.id);
      ops.push({
        op: 'UPDATE',
        id: target.id,
        text,
        ...(o.kind ? { kind: o.kind } : {}),
        ...(o.importance ? { importance: o.importance } : {}),
      });
    }
  }
  return { ops, rejected };
}

export async function extractWithModel(input: {
  model: LanguageModel;
  userText: string;
  candidates: CandidateMemory[];
  abortSignal?: AbortSignal;
}): Promise<{ ops: MemoryOp[]; rejected: RejectedOp[] }> {
  const { output } = await generateText({
    model: input.model,
    instructions: INSTRUCTIONS,
    prompt: extractionPrompt(input.userText, input.candidates),
    output: Output.object({ schema: extractionSchema, name: 'memory_operations' }),
    temperature: 0,
    // A failure is kept as a job and retried later; no need to hold the request's after() for long.
    maxRetries: 1,
    timeout: 60_000,
    abortSignal: input.abortSignal,
  });
  return validateOperations(output, input.candidates);
}
