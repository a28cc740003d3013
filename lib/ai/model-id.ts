/** Namespaced model ids (`offline:persona-1`, `openai:gpt-4o-mini`, `compatible:qwen2.5:7b`). No dependencies, so UI code may import it. */
export type ModelKind = 'offline' | 'openai' | 'compatible';
export const MODEL_KINDS: readonly ModelKind[] = ['offline', 'openai', 'compatible'];

/** Splits `kind:model` at the first colon (the model part may hold more); null when it is not such an id. */
export function parseModelId(id: string): { kind: ModelKind; providerModelId: string } | null {
  const at = id.indexOf(':');
  if (at <= 0 || at === id.length - 1) return null;
  const kind = id.slice(0, at) as ModelKind;
  if (!MODEL_KINDS.includes(kind)) return null;
  return { kind, providerModelId: id.slice(at + 1) };
}

export function isOfflineModelId(id: string): boolean {
  return parseModelId(id)?.kind === 'offline';
}
