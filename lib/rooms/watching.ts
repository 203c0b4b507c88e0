/**
 * Watching a room: while a tab shows a member the room, a message sent into it moves that
 * member's read position in the send's own transaction (lib/rooms/receivers.ts), instead of
 * the tab asking for it once per message. One mark request per message per member with the
 * room open was most of the server's requests with rooms.
 *
 * A tab says so when it opens the room or becomes visible, renews it every
 * ROOM_WATCH_RENEW_MS while it stays so, and ends it when it leaves or hides
 * (`POST /api/rooms/[id]/read`, components/useMarkRoomRead.ts). A tab that vanishes without
 * saying so (a crash, a lost network) stops counting as watching ROOM_WATCH_MS after its
 * last word.
 */
export const ROOM_WATCH_MS = 3 * 60_000;

/** How often an open, visible room renews its watch: well within ROOM_WATCH_MS. */
export const ROOM_WATCH_RENEW_MS = 2 * 60_000;
