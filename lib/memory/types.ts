import { MEMORY_TEXT_MAX } from '@/db/schema/memory';

export { MEMORY_TEXT_MAX };

export const MEMORY_KINDS = ['user_fact', 'relationship', 'event'] as const;
/** user_fact: about the user; relationship: between the user and the persona; event: something that happened. */
export type MemoryKind = (typeof MEMORY_KINDS)[number];

/** An existing memory an extractor may update, delete or find repeated. */
export type CandidateMemory = { id: string; text: string };

/**
 * What an extractor decides for one statement, against the candidates it was shown:
 * ADD a new memory, UPDATE a candidate whose fact changed, DELETE a candidate that no longer holds, or NONE
 * (nothing new; `id` names the candidate that already says it, if any).
 */
export type MemoryOp =
  | { op: 'ADD'; text: string; kind: MemoryKind; importance: number }
  | { op: 'UPDATE'; id: string; text: string; kind?: MemoryKind; importance?: number }
  | { op: 'DELETE'; id: string }
  | { op: 'NONE'; id?: string };

/** Whitespace collapsed and trimmed, cut to the length the database accepts. */
export function cleanMemoryText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, MEMORY_TEXT_MAX);
}
