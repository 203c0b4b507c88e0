/**
 * The browser's react-query keys for the views a live event can change: the pages and the
 * JSON routes read them, lib/live/apply.ts writes to them.
 */
export const chatKeys = {
  conversation: (otherId: number) => ["conversation", otherId] as const,
  thread: (rootId: number) => ["thread", rootId] as const,
  counts: ["counts"] as const,
};

export const directoryKeys = {
  recent: ["recent-conversations"] as const,
  colleagues: (q: string) => ["colleagues", q] as const,
};
