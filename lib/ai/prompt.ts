import type { ModelMessage } from 'ai';
import { activateLorebook, type ActivatedLorebookEntry, type LorebookEntry } from './lorebook';
import { block, defuse, fieldLines, listBlock } from './prompt-format';
import { estimateMessageTokens } from './tokens';

export type { LorebookEntry, ActivatedLorebookEntry } from './lorebook';

/** The persona version fields prompt assembly reads (a subset of the stored profile; empty strings mean "not set"). */
export type PersonaPromptProfile = {
  name: string;
  description?: string;
  personality?: string;
  scenario?: string;
  /** Example dialogues as written on the card (`<START>` separated blocks are passed through as they are). */
  exampleDialogues?: string;
  /** Empty = DEFAULT_SYSTEM_PROMPT; `{{original}}` inside it stands for the default. */
  systemPrompt?: string;
  /** Placed after the history as a system message; empty = none. */
  postHistoryInstructions?: string;
  lorebook?: LorebookEntry[];
};

export type ConversationMessage = { role: 'user' | 'assistant'; text: string };

export type PromptInput = {
  persona: PersonaPromptProfile;
  /** The user's display name, for `{{user}}`. */
  userName: string;
  /** Remembered facts, already selected and ordered (pinned first). */
  memories?: string[];
  /** Rolling summary of the part of the conversation that no longer fits. */
  summary?: string | null;
  /** The conversation path, oldest → newest; the last one is normally the user's new message. */
  history: ConversationMessage[];
  contextWindow: number;
  /** Reserved for the reply: the history budget is what is left of the window after system prompt and this. */
  maxOutputTokens: number;
  /** How many of the latest messages are scanned for lorebook keys. Default 4. */
  lorebookScanDepth?: number;
  /** Share of the context window lorebook entries may fill. Default 0.25. */
  lorebookBudgetShare?: number;
};

export type AssembledPrompt = {
  system: string;
  /** History within budget (oldest → newest), then post-history instructions as a trailing system message. */
  messages: ModelMessage[];
  activatedLorebook: ActivatedLorebookEntry[];
  /** How many of `history`'s messages made it in (always the newest ones). */
  includedMessageCount: number;
  /** Estimate for system + messages (see lib/ai/tokens.ts), not counting the reserved output. */
  estimatedTokens: number;
};

export const DEFAULT_SYSTEM_PROMPT =
  "You are {{char}}. Stay in character as {{char}} in this conversation with {{user}}: speak in {{char}}'s voice, " +
  "use what you know from the sections below, and reply in the language of {{user}}'s latest message.";

export const DEFAULT_LOREBOOK_SCAN_DEPTH = 4;
export const DEFAULT_LOREBOOK_BUDGET_SHARE = 0.25;

/** Replaces `{{char}}` / `{{user}}` (any case) and the Character Card V1 forms `<BOT>` / `<USER>` (upper case only). */
export function replaceMacros(text: string, char: string, user: string): string {
  const pick = (name: string) => (name.toLowerCase() === 'user' ? user : char);
  return text.replace(/\{\{\s*(char|user)\s*\}\}/gi, (_m, name: string) => pick(name)).replace(/<(BOT|USER)>/g, (_m, name: string) => pick(name));
}

/**
 * Builds the prompt for one reply. Pure: no database, no I/O, same input → same output.
 * Order: system prompt, character, user, example dialogues, activated lorebook, memories, summary (all in `system`),
 * then the newest history that fits the budget, then post-history instructions.
 */
export function assemblePrompt(input: PromptInput): AssembledPrompt {
  const { persona, userName } = input;
  const char = persona.name.trim();
  const macro = (text: string | undefined) => replaceMacros(text ?? '', char, userName).trim();

  const scanDepth = input.lorebookScanDepth ?? DEFAULT_LOREBOOK_SCAN_DEPTH;
  const scanText = input.history
    .slice(-scanDepth)
    .map((m) => m.text)
    .join('\n');
  const lorebookEntries = (persona.lorebook ?? []).map((e) => ({ ...e, content: macro(e.content) }));
  const lorebookBudget = Math.floor(input.contextWindow * (input.lorebookBudgetShare ?? DEFAULT_LOREBOOK_BUDGET_SHARE));
  const activatedLorebook = activateLorebook(lorebookEntries, scanText, lorebookBudget);

  const systemPrompt = macro(
    (persona.systemPrompt?.trim() || '{{original}}').replace(/\{\{\s*original\s*\}\}/gi, DEFAULT_SYSTEM_PROMPT),
  );
  const memories = (input.memories ?? []).filter((m) => m.trim());
  const sections = [
    systemPrompt,
    block(
      'character',
      fieldLines({
        Name: char,
        Description: macro(persona.description),
        Personality: macro(persona.personality),
        Scenario: macro(persona.scenario),
      }),
    ),
    block('user', fieldLines({ Name: userName })),
    macro(persona.exampleDialogues) && block('example_dialogues', defuse(macro(persona.exampleDialogues))),
    activatedLorebook.length > 0 && listBlock('lorebook', activatedLorebook.map((e) => e.content)),
    memories.length > 0 && listBlock('memories', memories),
    input.summary?.trim() && block('summary', defuse(input.summary.trim())),
  ];
  const system = sections.filter(Boolean).join('\n\n');

  const postHistory = macro(persona.postHistoryInstructions);
  const fixedTokens = estimateMessageTokens(system) + (postHistory ? estimateMessageTokens(postHistory) : 0);
  const { messages: history, tokens: historyTokens } = fitHistory(
    input.history,
    input.contextWindow - input.maxOutputTokens - fixedTokens,
    (m) => (m.role === 'assistant' ? macro(m.text) : m.text),
  );

  const messages: ModelMessage[] = history.map((m) => ({ role: m.role, content: m.text }));
  if (postHistory) messages.push({ role: 'system', content: postHistory });

  return {
    system,
    messages,
    activatedLorebook,
    includedMessageCount: history.length,
    estimatedTokens: fixedTokens + historyTokens,
  };
}

/** The newest messages whose estimates fit `budget`, oldest first. The newest one is always kept. */
function fitHistory(history: ConversationMessage[], budget: number, text: (m: ConversationMessage) => string) {
  const kept: ConversationMessage[] = [];
  let tokens = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    const message = { role: history[i]!.role, text: text(history[i]!) };
    const cost = estimateMessageTokens(message.text);
    if (kept.length > 0 && tokens + cost > budget) break;
    kept.push(message);
    tokens += cost;
  }
  return { messages: kept.reverse(), tokens };
}

/**
 * The options to spread into `streamText` / `generateText`: the system prompt as `instructions`, and permission
 * for the trailing post-history system message (AI SDK 7 refuses system messages inside `messages` otherwise).
 */
export function toCallPrompt(prompt: AssembledPrompt) {
  return { instructions: prompt.system, messages: prompt.messages, allowSystemInMessages: true } as const;
}
