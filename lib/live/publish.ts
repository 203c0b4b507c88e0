import "server-only";
import { type CommittedEvent, findRow } from "@/db/events";
import type { Message, Notification, Session } from "@/db/schema";
import { threadRootMap } from "../cache-tags";
import { liveBus } from "./bus";
import type { LiveEventType } from "./types";

type MessageRef = Pick<Message, "id" | "senderId" | "receiverId" | "parentMessageId">;

/** Tells both participants of each touched conversation what happened to its messages. */
export function publishMessageEvent(event: CommittedEvent<"messages">): Promise<void> {
  if (event.kind === "save") return publishFor([event.instance], saveType(event));
  if (event.kind === "delete") return publishFor([event.instance], "message.deleted");
  if (event.kind === "bulkUpdate") return publishFor(event.rows, "read.changed");
  return publishFor(event.rows, "message.deleted");
}

function saveType(event: {
  instance: Message;
  previous?: Message;
  created: boolean;
}): LiveEventType {
  if (event.created) return "message.created";
  if (event.previous?.read !== event.instance.read) return "read.changed";
  if (event.instance.deletedAt !== null) return "message.deleted";
  return "message.updated";
}

/** A user's notification list or count changed. */
export async function publishNotificationEvent(
  event: CommittedEvent<"notifications">,
): Promise<void> {
  const rows: Notification[] = "rows" in event ? event.rows : [event.instance];
  const byUser = new Map<number, number[]>();
  for (const row of rows)
    byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.messageId]);
  for (const [userId, messageIds] of byUser) {
    await liveBus().publish(userId, { type: "notification.changed", messageIds });
  }
}

async function publishFor(rows: MessageRef[], type: LiveEventType): Promise<void> {
  // A reply's thread is found from its parent, which still exists when the reply is deleted.
  const rootOfParent = await threadRootMap(
    rows.flatMap((r) => (r.parentMessageId ? [r.parentMessageId] : [])),
  );
  const rootOf = (row: MessageRef) =>
    row.parentMessageId === null ? row.id : rootOfParent.get(row.parentMessageId);

  // One event per user and conversation, however many rows a bulk write touched.
  const groups = new Map<string, { userId: number; other: number; rows: MessageRef[] }>();
  for (const row of rows) {
    const audience: [number, number][] = [[row.senderId, row.receiverId]];
    if (row.receiverId !== row.senderId) audience.push([row.receiverId, row.senderId]);
    for (const [userId, other] of audience) {
      const key = `${userId}:${other}`;
      const group = groups.get(key) ?? { userId, other, rows: [] };
      group.rows.push(row);
      groups.set(key, group);
    }
  }
  for (const { userId, other, rows: groupRows } of groups.values()) {
    const roots = new Set(groupRows.map(rootOf).filter((root) => root !== undefined));
    await liveBus().publish(userId, {
      type,
      conversationWith: other,
      messageIds: groupRows.map((r) => r.id),
      threadRootIds: [...roots],
    });
  }
}

/** Sessions ended (sign-out, everywhere, account deleted): their open streams close. */
export async function publishSessionEvent(event: CommittedEvent<"sessions">): Promise<void> {
  if (event.kind !== "delete" && event.kind !== "bulkDelete") return;
  const rows: Session[] = "rows" in event ? event.rows : [event.instance];
  const byUser = new Map<number, string[]>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.id]);
  for (const [userId, sessionIds] of byUser) {
    const user = await findRow("users", userId);
    const reason = !user
      ? "account-deleted"
      : user.deactivatedAt !== null
        ? "account-deactivated"
        : "signed-out";
    await liveBus().publish(userId, {
      type: "session.ended",
      messageIds: [],
      sessionIds,
      reason,
    });
  }
}
