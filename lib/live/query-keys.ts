/**
 * The browser's react-query keys for the views a live event can change: the pages and the
 * JSON routes read them, lib/live/apply.ts writes to them.
 */
export const chatKeys = {
  conversation: (otherId: number) => ["conversation", otherId] as const,
  thread: (rootId: number) => ["thread", rootId] as const,
  /** A message's reactions as its reaction bar shows them (components/ReactionBar.tsx). */
  reactions: (messageId: number) => ["reactions", messageId] as const,
  counts: ["counts"] as const,
  room: (roomId: number) => ["room", roomId] as const,
  /** The sidebar's rooms with their unread counts. */
  rooms: ["rooms"] as const,
};

export const directoryKeys = {
  recent: ["recent-conversations"] as const,
  colleagues: (q: string) => ["colleagues", q] as const,
};

/** The ephemeral signals' client state (lib/live/apply-signals.ts). */
export const signalKeys = {
  /** `dm:<other user>` or `room:<id>`: who is typing there. */
  typing: (where: string) => ["typing", where] as const,
  /** Colleague id -> presence, for every dot on the page. */
  presence: ["presence"] as const,
};
