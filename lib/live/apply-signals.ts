import type { QueryClient } from "@tanstack/react-query";
import { signalKeys } from "./query-keys";
import { isSignal } from "./signal-kinds";
import type { LiveEventData, PresenceState } from "./types";
import { TYPING_SHOWN_MS } from "./typing-timing";

export interface Typist {
  id: number;
  name: string;
  /** When their latest typing signal arrived (client clock). */
  at: number;
}

export type PresenceMap = Record<number, PresenceState>;

/** Where a typing status shows: a direct conversation or a room. */
export const typingPlace = (target: { roomId: number } | { receiverId: number }) =>
  "roomId" in target ? `room:${target.roomId}` : `dm:${target.receiverId}`;

/** The typists still shown at `now`: a status goes TYPING_SHOWN_MS after its latest signal. */
export function currentTypists(typists: Typist[], now: number, viewerId?: number): Typist[] {
  return typists.filter((t) => now - t.at < TYPING_SHOWN_MS && t.id !== viewerId);
}

/** The list with one more signal from `typist` (latest first, one entry per person). */
export function withTypist(typists: Typist[], typist: Typist): Typist[] {
  return [typist, ...typists.filter((t) => t.id !== typist.id)];
}

/** What the status says: up to three names, then "Several people are typing…". */
export function typingText(names: string[]): string {
  if (names.length === 0) return "";
  if (names.length > 3) return "Several people are typing…";
  if (names.length === 1) return `${names[0]} is typing…`;
  const last = names[names.length - 1];
  return `${names.slice(0, -1).join(", ")} and ${last} are typing…`;
}

/**
 * Applies typing and presence in place (no request): a typing signal to the status of its
 * conversation, a new message to its author's (their status ends), presence to the dots.
 * Only views on screen are held; a signal for anything else is dropped.
 */
export function applySignals(queryClient: QueryClient, event: LiveEventData, now = Date.now()) {
  const update = <T>(key: readonly unknown[], change: (data: T) => T) => {
    const data = queryClient.getQueryData<T>(key);
    if (data !== undefined) queryClient.setQueryData<T>(key, change(data));
  };
  if (isSignal(event)) {
    if (event.type === "presence.changed") {
      update<PresenceMap>(signalKeys.presence, (map) => ({
        ...map,
        ...Object.fromEntries(event.presence),
      }));
      return;
    }
    const place = event.roomId === undefined ? `dm:${event.typistId}` : `room:${event.roomId}`;
    const typist = { id: event.typistId, name: event.typistName, at: now };
    update<Typist[]>(signalKeys.typing(place), (list) => withTypist(list, typist));
    return;
  }
  if (event.type === "room.changed" && event.senderIds) {
    const senders = new Set(event.senderIds);
    update<Typist[]>(signalKeys.typing(`room:${event.roomId}`), (list) =>
      list.filter((t) => !senders.has(t.id)),
    );
  }
  if (event.type === "message.created" && event.conversationWith !== undefined) {
    const senders = new Set((event.messages ?? []).map((m) => m.senderId));
    update<Typist[]>(signalKeys.typing(`dm:${event.conversationWith}`), (list) =>
      list.filter((t) => !senders.has(t.id)),
    );
  }
}
