// The memory domain's public API: what the chat route, the Memory page and the audit log call.
export { extractAfterTurn, type ExtractionInput, type ExtractionOptions, type ExtractionResult } from './service';
export { retryFailedExtractions, type RetryOptions, type RetryReport } from './retry';
export { recallMemories, type RecallInput, type RecallResult, type RecalledMemory } from './recall';
export {
  deleteMemory,
  editMemory,
  eraseAllMemoriesOf,
  forgetPersonaMemories,
  listMemories,
  setMemoryEnabled,
  setMemoryPinned,
  type MemoryPage,
} from './control';
export { isMemoryEnabled, type Memory } from './queries';
export { getMemoryPersonaOrThrow, listMemoryPersonas, type MemoryPersona, type MemoryPersonaRef } from './overview';
export { toMemoryPageView, toMemoryView, type MemoryPageView, type MemoryView } from './view';
export type { MemoryActor, MemoryChange, OnMemoryChange } from './changes';
export { rollSummary, getRollingSummary, saveRollingSummary, deleteRollingSummary, type SummaryTurn } from './summary';
export { MEMORY_KINDS, MEMORY_TEXT_MAX, type MemoryKind } from './types';
export * from './schemas';
export { mightHoldPersonalFacts } from './cues';
