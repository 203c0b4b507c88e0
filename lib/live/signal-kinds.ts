import type { LiveEventData, LiveSignal } from "./types";

/** Typing and presence: ephemeral, never stored nor replayed, and about no message. */
export function isSignal(event: LiveEventData): event is LiveSignal {
  return event.type === "typing.started" || event.type === "presence.changed";
}
