import type { QueryKey } from "@tanstack/react-query";
import type { ConversationMessage } from "@/lib/messaging/conversations";
import type { SidebarRoom } from "@/lib/rooms/room-messages";
import type { UnreadCounts } from "@/lib/unread/notifications";
import { conversationWithEvent, threadWithEvent } from "./apply-messages";
import { chatKeys } from "./query-keys";
import type { MessageChanged, RoomChanged } from "./types";
import type { LiveViews } from "./views";

type HeldRoom = Pick<SidebarRoom, "id" | "muted" | "unread">;

/**
 * A room event, applied to one member's views. The open room and the threads it names take
 * the messages it carries in place, as a direct message's do; without them (a hard delete)
 * they are refetched, through the room's authorization. The badges (the room's count in the sidebar,
 * the inbox count) take a new message from someone else in place: at one event per room
 * message for every member, a refetch each would cost the server two requests per member.
 * What the event cannot tell them (a deletion may remove an unread message) refetches them.
 */
export function applyRoomEvent(views: LiveViews, event: RoomChanged): void {
  const asMessages = asMessageEvent(event);
  const apply = <T>(key: QueryKey, change: (data: T, event: MessageChanged) => T | undefined) => {
    const data = views.get<T>(key);
    if (data === undefined) return; // not held: nothing shows it
    const updated = asMessages && change(data, asMessages);
    if (updated) views.replace(key, updated);
    else views.refetch(key);
  };
  apply(chatKeys.room(event.roomId), roomWithEvent);
  for (const rootId of event.threadRootIds ?? []) apply(chatKeys.thread(rootId), threadWithEvent);

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

/** The event as one about messages, when it carries them. */
function asMessageEvent(event: RoomChanged): MessageChanged | undefined {
  if (!event.messages || event.change === "read.changed") return undefined;
  const { change, messageIds, threadRootIds, messages } = event;
  return { type: change, messageIds, threadRootIds, messages };
}

/** The open room's messages (oldest first) with the event applied, or undefined. */
export function roomWithEvent(
  shown: ConversationMessage[],
  event: MessageChanged,
): ConversationMessage[] | undefined {
  const pages = { pages: [{ messages: shown, hasOlder: false }], pageParams: [undefined] };
  return conversationWithEvent(pages, event)?.pages[0]?.messages;
}
