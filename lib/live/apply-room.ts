import type { QueryKey } from "@tanstack/react-query";
import type { SidebarRoom } from "@/lib/rooms/room-messages";
import type { UnreadCounts } from "@/lib/unread/notifications";
import { chatKeys } from "./query-keys";
import type { RoomChanged } from "./types";
import type { LiveViews } from "./views";

type HeldRoom = Pick<SidebarRoom, "id" | "muted" | "unread">;

/**
 * A room event, applied to one member's views. The open room and the threads it names are
 * refetched, through the room's authorization. The badges (the room's count in the sidebar,
 * the inbox count) take a new message from someone else in place: at one event per room
 * message for every member, a refetch each would cost the server two requests per member.
 * What the event cannot tell them (a deletion may remove an unread message) refetches them.
 */
export function applyRoomEvent(views: LiveViews, event: RoomChanged): void {
  const shown: QueryKey[] = [
    chatKeys.room(event.roomId),
    ...(event.threadRootIds ?? []).map(chatKeys.thread),
  ];
  for (const key of shown) if (views.get(key) !== undefined) views.refetch(key);

  const rooms = views.get<HeldRoom[]>(chatKeys.rooms);
  const room = rooms?.find((r) => r.id === event.roomId);
  const change = badgeChange(event, views.viewerId, room);
  if (change === "none") return;
  const counts = views.get<UnreadCounts>(chatKeys.counts);
  if (change === "refetch" || !rooms || !room || !counts) {
    if (rooms) views.refetch(chatKeys.rooms);
    // The inbox count holds the room's unread messages unless the member muted it.
    if (!room?.muted) views.refetch(chatKeys.counts);
    return;
  }
  views.replace(
    chatKeys.rooms,
    rooms.map((r) => (r.id === room.id ? { ...r, unread: r.unread + 1 } : r)),
  );
  views.setCounts({ ...counts, inbox: counts.inbox + 1 });
}

/** How the event changes the member's badges: not at all, by one more unread, or unknown. */
function badgeChange(
  event: RoomChanged,
  viewerId: number,
  room: HeldRoom | undefined,
): "none" | "one more" | "refetch" {
  // A muted room counts nothing; an edit changes no count.
  if (room?.muted || event.change === "message.updated") return "none";
  const [senderId, ...otherSenders] = event.senderIds ?? [];
  if (event.change !== "message.created" || event.messageIds.length !== 1) return "refetch";
  if (senderId === undefined || otherSenders.length > 0) return "refetch";
  // One's own messages are never unread.
  return senderId === viewerId ? "none" : "one more";
}
