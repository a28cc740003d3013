import { describe, expect, it } from 'vitest';
import { buildTree, latestLeaf, pathTo, siblingsOf } from '@/lib/chat/tree';

const at = (s: number) => new Date(2026, 0, 1, 0, 0, s);
// greeting g1 (alt g2) → user u1 → replies a1, a2 (regenerated); u1 edited as u2 → reply a3
const nodes = [
  { id: 'g1', parentId: null, createdAt: at(0) },
  { id: 'g2', parentId: null, createdAt: at(1) },
  { id: 'u1', parentId: 'g1', createdAt: at(2) },
  { id: 'a1', parentId: 'u1', createdAt: at(3) },
  { id: 'a2', parentId: 'u1', createdAt: at(4) },
  { id: 'u2', parentId: 'g1', createdAt: at(5) },
  { id: 'a3', parentId: 'u2', createdAt: at(6) },
];

describe('chat message tree', () => {
  const tree = buildTree(nodes);

  it('shows the path to the chosen leaf', () => {
    expect(pathTo(tree, 'a1').map((n) => n.id)).toEqual(['g1', 'u1', 'a1']);
  });

  it('falls back to the newest branch when the leaf is unknown', () => {
    expect(pathTo(tree, 'nope').map((n) => n.id)).toEqual(['g2']);
    expect(pathTo(tree, undefined).map((n) => n.id)).toEqual(['g2']);
  });

  it('finds the newest leaf under a message', () => {
    expect(latestLeaf(tree, 'g1')).toBe('a3');
    expect(latestLeaf(tree, 'u1')).toBe('a2');
  });

  it('lists alternatives in creation order', () => {
    expect(siblingsOf(tree, 'a2')).toEqual({ ids: ['a1', 'a2'], index: 1 });
    expect(siblingsOf(tree, 'u2')).toEqual({ ids: ['u1', 'u2'], index: 1 });
    expect(siblingsOf(tree, 'g1')).toEqual({ ids: ['g1', 'g2'], index: 0 });
  });
});
