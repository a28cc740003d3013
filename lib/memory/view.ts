import type { MemoryPage } from './control';
import type { Memory } from './queries';
import type { MemoryKind } from './types';

/** What the browser gets for one memory: plain and serialisable; no search tokens, no source message ids. */
export type MemoryView = {
  id: string;
  personaId: string;
  kind: MemoryKind;
  text: string;
  importance: number;
  pinned: boolean;
  createdAt: string;
  updatedAt: string;
};

export type MemoryPageView = Omit<MemoryPage, 'items'> & { items: MemoryView[] };

export function toMemoryView(m: Memory): MemoryView {
  return {
    id: m.id,
    personaId: m.personaId,
    kind: m.kind,
    text: m.text,
    importance: m.importance,
    pinned: m.pinned,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

export function toMemoryPageView(page: MemoryPage): MemoryPageView {
  return { ...page, items: page.items.map(toMemoryView) };
}
