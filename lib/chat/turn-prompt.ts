import { assemblePrompt, type AssembledPrompt } from '@/lib/ai/prompt';
import type { PublicUser } from '@/lib/auth/users';
import type { Db } from '@/db/client';
import { recallMemories, rollSummary } from '@/lib/memory';
import type { PersonaProfile } from '@/lib/personas/profile';
import { toPromptProfile } from './persona-prompt';

type Turn = { role: 'user' | 'assistant'; text: string };

/**
 * The prompt for one reply: the persona, what it remembers of this user (unless memory is off), the conversation
 * newest-first within the budget, and a summary of the turns that no longer fit.
 */
export async function buildTurnPrompt(
  db: Db,
  input: {
    user: PublicUser;
    personaId: string;
    profile: PersonaProfile;
    history: Turn[];
    contextWindow: number;
    maxOutputTokens: number;
  },
): Promise<AssembledPrompt> {
  const memories = input.user.memoryEnabled
    ? (
        await recallMemories(
          {
            userId: input.user.id,
            personaId: input.personaId,
            recentText: input.history.slice(-4).map((m) => m.text).join('\n'),
            tokenBudget: Math.min(800, Math.floor(input.contextWindow * 0.1)),
          },
          { db },
        )
      ).memories.map((m) => m.text)
    : [];
  const promptInput = {
    persona: toPromptProfile(input.profile),
    userName: input.user.name,
    memories,
    history: input.history,
    contextWindow: input.contextWindow,
    maxOutputTokens: input.maxOutputTokens,
  };
  const prompt = assemblePrompt(promptInput);
  if (prompt.includedMessageCount >= input.history.length) return prompt;
  // The oldest turns no longer fit: a summary of them keeps the conversation's thread.
  const dropped = input.history.slice(0, input.history.length - prompt.includedMessageCount);
  return assemblePrompt({ ...promptInput, summary: rollSummary(null, dropped) });
}
