import type { MessageView } from "./conversations";

/** A message in a loaded thread, with its place in the tree. */
export interface ThreadMessage extends MessageView {
  parentId: number | null;
  depth: number;
}

/** Deeper replies are not drawn inline: "Continue this thread" opens their branch. */
export const VISIBLE_DEPTH = 8;

/**
 * The part of a loaded thread under `focusId` (itself included), with depths counted from
 * it: what "Continue this thread" shows when a discussion nests too deep to read.
 */
export function subthread(thread: ThreadMessage[], focusId: number): ThreadMessage[] {
  const start = thread.findIndex((message) => message.id === focusId);
  const focus = thread[start];
  if (!focus) return thread;
  const inside: ThreadMessage[] = [];
  for (const message of thread.slice(start)) {
    if (message !== focus && message.depth <= focus.depth) break;
    inside.push({ ...message, depth: message.depth - focus.depth });
  }
  return inside;
}
