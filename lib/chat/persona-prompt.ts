import type { PersonaPromptProfile } from '@/lib/ai/prompt';
import type { PersonaProfile } from '@/lib/personas/profile';

/** A stored persona profile as prompt assembly reads it. */
export function toPromptProfile(p: PersonaProfile): PersonaPromptProfile {
  return {
    name: p.name,
    description: p.description,
    personality: p.personality,
    scenario: p.scenario,
    exampleDialogues: p.exampleDialogues,
    systemPrompt: p.systemPrompt,
    postHistoryInstructions: p.postHistoryInstructions,
    lorebook: p.lorebook.map((e) => ({
      keys: e.keys,
      // A V2 card entry with `selective: false` ignores its secondary keys.
      secondaryKeys: e.extra?.selective === false ? [] : e.secondaryKeys,
      content: e.content,
      enabled: e.enabled,
      order: e.order,
      constant: e.constant,
      caseSensitive: e.caseSensitive,
    })),
  };
}

/** The greetings that open a new chat: the greeting, then the alternates as its swipes. */
export function greetingsOf(p: PersonaProfile, userName: string): string[] {
  const fill = (t: string) => t.replaceAll(/\{\{char\}\}|<BOT>/gi, p.name).replaceAll(/\{\{user\}\}|<USER>/gi, userName);
  return [p.greeting, ...p.alternateGreetings].map(fill).filter((g) => g.trim());
}
