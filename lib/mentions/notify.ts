import "server-only";
import { sql } from "drizzle-orm";
import { insertFrom } from "@/db/events";
import { inIds } from "@/db/query";
import type { Message } from "@/db/schema";
import { mentionsIn } from "./parse";

/**
 * The room members a room message's mentions notify, in ONE INSERT ... SELECT whatever the
 * room's size: `@room` everyone but the sender, else the mentioned members. The unique
 * index on (user, message) makes each notification once: a reply already notified, a
 * second mention, an edit that mentions again, a retried send all add nothing.
 *
 * An edit notifies only who it newly mentions (as Slack and Zulip do): a person mentioned
 * before the edit was notified then, and `@room` added by an edit reaches the members not
 * notified yet. Direct messages notify their receiver anyway (lib/unread/notifications.ts).
 */
export async function notifyRoomMentions(message: Message, previous?: Message): Promise<void> {
  if (message.roomId === null || message.deletedAt !== null || message.senderId === null) return;
  const now = mentionsIn(message.content);
  const before = previous ? mentionsIn(previous.content) : undefined;
  const everyone = now.room && !before?.room;
  const earlier = new Set(before?.userIds);
  const named = now.userIds.filter((id) => !earlier.has(id));
  if (!everyone && named.length === 0) return;
  const who = everyone ? sql`` : sql`and ${inIds(sql`rm.user_id`, named)}`;
  await insertFrom(
    "notifications",
    ["user_id", "message_id", "kind"],
    sql`select rm.user_id, ${message.id}, 'mention' from room_members rm
        where rm.room_id = ${message.roomId} and rm.user_id <> ${message.senderId} ${who}`,
  );
}
