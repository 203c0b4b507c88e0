import "server-only";
import { sql } from "drizzle-orm";
import { firstRow } from "@/db/query";
import { withAttachments } from "@/lib/files/views";
import { MAX_AT_PAGE } from "@/lib/messaging/conversation-at";
import { PAGE_SIZE } from "@/lib/messaging/conversations";
import { readableRoom } from "./access";
import { type RoomView, roomFor, roomPage } from "./room-messages";

/**
 * A room as roomFor shows it, its first page reaching back to message `at` (a search
 * result older than the newest 50), so its #message-<id> anchor exists. Authorized first;
 * a message that is not a top-level message of this room is ignored: the usual page.
 */
export async function roomAt(viewerId: number, roomId: number, at: number): Promise<RoomView> {
  const { room, membership } = await readableRoom(viewerId, roomId);
  // The room's top-level messages from `at` to the newest: 0 when `at` is not one of them.
  const row = await firstRow<{ n: number }>(sql`
    select count(*) as n from messages m
    where m.room_id = ${roomId} and m.parent_message_id is null and m.id >= ${at}
      and exists (select 1 from messages t
                  where t.id = ${at} and t.room_id = ${roomId} and t.parent_message_id is null)`);
  const newer = Number(row?.n ?? 0);
  if (newer <= PAGE_SIZE) return roomFor(viewerId, roomId);
  const page = await roomPage(roomId, { limit: Math.min(newer, MAX_AT_PAGE) });
  return { room, membership, ...page, messages: await withAttachments(page.messages) };
}
