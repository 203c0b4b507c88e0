import type { Nodes, Root } from "mdast";

/**
 * How deep a message's syntax tree may be: 20 nested lists (a list and its item each) with
 * a paragraph of nested formatting inside still fit. The tree walks after the parser
 * (emoji, HTML, React elements) recurse once per level.
 */
export const MAX_TREE_DEPTH = 64;

/** A message's Markdown nests deeper than MAX_TREE_DEPTH: it is shown as plain text. */
export class MarkdownTooDeep extends Error {
  constructor() {
    super(`Markdown nested deeper than ${MAX_TREE_DEPTH} levels`);
    this.name = "MarkdownTooDeep";
  }
}

/** The depth of a tree, walked with a stack of its own (never recursion). */
export function treeDepth(tree: Nodes): number {
  let deepest = 0;
  const pending: [Nodes, number][] = [[tree, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (depth > deepest) deepest = depth;
    if ("children" in node) for (const child of node.children) pending.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * A remark plugin, first of the chat's: a tree deeper than MAX_TREE_DEPTH stops the render
 * (MarkdownTooDeep) before any recursive walk sees it.
 */
export function remarkDepthGuard() {
  return (tree: Root) => {
    if (treeDepth(tree) > MAX_TREE_DEPTH) throw new MarkdownTooDeep();
  };
}
