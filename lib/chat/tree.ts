/**
 * The message tree of a chat, as plain functions over a flat list. A chat shows one path from a root to a leaf;
 * siblings of a message on that path are its alternatives (regenerations or edits) that the user can page through.
 */
export type TreeNode = { id: string; parentId: string | null; createdAt: Date | string };

export type Tree<T extends TreeNode> = { byId: Map<string, T>; children: Map<string | null, T[]> };

export function buildTree<T extends TreeNode>(nodes: readonly T[]): Tree<T> {
  const byId = new Map<string, T>();
  const children = new Map<string | null, T[]>();
  const ids = new Set(nodes.map((n) => n.id));
  const sorted = [...nodes].sort((a, b) => time(a) - time(b));
  for (const n of sorted) {
    byId.set(n.id, n);
    const key = n.parentId && ids.has(n.parentId) ? n.parentId : null;
    (children.get(key) ?? children.set(key, []).get(key)!).push(n);
  }
  return { byId, children };
}

/** The newest leaf below `id` (following the newest child at each step). */
export function latestLeaf<T extends TreeNode>(tree: Tree<T>, id: string | null): string | null {
  let current = id;
  for (;;) {
    const kids = tree.children.get(current);
    if (!kids?.length) return current;
    current = kids[kids.length - 1]!.id;
  }
}

/** Root-to-leaf path ending at `leafId`; an unknown or missing leaf falls back to the newest branch. */
export function pathTo<T extends TreeNode>(tree: Tree<T>, leafId: string | null | undefined): T[] {
  const leaf = leafId && tree.byId.has(leafId) ? leafId : latestLeaf(tree, null);
  const path: T[] = [];
  let current = leaf ? tree.byId.get(leaf) : undefined;
  while (current) {
    path.unshift(current);
    current = current.parentId ? tree.byId.get(current.parentId) : undefined;
  }
  return path;
}

/** The alternatives at a message's place in the tree, and where it stands among them. */
export function siblingsOf<T extends TreeNode>(tree: Tree<T>, id: string): { ids: string[]; index: number } {
  const node = tree.byId.get(id);
  if (!node) return { ids: [], index: -1 };
  const parent = node.parentId && tree.byId.has(node.parentId) ? node.parentId : null;
  const ids = (tree.children.get(parent) ?? []).map((n) => n.id);
  return { ids, index: ids.indexOf(id) };
}

function time(n: TreeNode): number {
  return typeof n.createdAt === 'string' ? Date.parse(n.createdAt) : n.createdAt.getTime();
}
