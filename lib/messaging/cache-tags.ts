import "server-only";
import { sql } from "drizzle-orm";
import type { CommittedEvent } from "@/db/events";
import { rows } from "@/db/query";
import { type Message, messages } from "@/db/schema";
import { conversationTag, roomTag, threadTag } from "@/lib/platform/cache";
import { type MessageRef, type Touched, touchedBy } from "./touched";

/**
 * The cached views a committed write to `messages` touches:
 * - a top-level message shows in its conversation and heads its own thread: both tags;
 * - a reply created or deleted changes its conversation's reply count and its thread, and so
 *   does a change of its read state (the conversation shows each thread's unread replies);
 * - any other change to a reply (an edit) shows only in its thread.
 * `touched` comes from the after-commit fan-out (lib/messaging/after-commit.ts), which
 * computes it once for the cache and live delivery.
 */
export async function tagsForMessageEvent(
  event: CommittedEvent<"messages">,
  touched?: Touched,
): Promise<string[]> {
  const { rows, rootOf } = touched ?? (await touchedBy(event));
  switch (event.kind) {
    case "save":
      return tagsFor(
        rows,
        rootOf,
        event.created || becameTombstone(event) || event.previous?.read !== event.instance.read,
      );
    case "delete":
    case "bulkDelete":
    case "bulkInsert":
      return tagsFor(rows, rootOf, true);
    case "bulkUpdate":
      // Bulk updates are read-state changes (mark read, mark all read).
      return tagsFor(rows, rootOf, true);
  }
}

/**
 * The cached views that show these messages as they are (a reaction on them): a top-level
 * message's conversation or room and its thread, a reply's thread only.
 */
export function tagsShowingMessages(refs: MessageRef[], rootOf: Touched["rootOf"]): string[] {
  return tagsFor(refs, rootOf, false);
}

function becameTombstone(event: { instance: Message; previous?: Message }): boolean {
  return event.previous?.deletedAt == null && event.instance.deletedAt != null;
}

function tagsFor(
  changed: MessageRef[],
  rootOf: Touched["rootOf"],
  changesConversation: boolean,
): string[] {
  const tags = new Set<string>();
  for (const row of changed) {
    if (row.parentMessageId === null || changesConversation) {
      if (row.roomId !== null) tags.add(roomTag(row.roomId));
      else if (row.senderId !== null && row.receiverId !== null) {
        tags.add(conversationTag(row.senderId, row.receiverId));
      }
    }
    const root = rootOf(row);
    if (root !== undefined) tags.add(threadTag(root));
  }
  return [...tags];
}

/**
 * The cached views that show a user's name: every conversation they take part in, every
 * room they wrote in, and the threads of those. One statement.
 */
export async function tagsShowingUser(userId: number): Promise<string[]> {
  const found = await rows<{ kind: string; a: number; b: number }>(sql`
    select distinct 'conv' as kind, ${messages.senderId} as a, ${messages.receiverId} as b
    from ${messages}
    where (${messages.senderId} = ${userId} or ${messages.receiverId} = ${userId})
      and ${messages.roomId} is null
    union all
    select distinct 'room' as kind, ${messages.roomId} as a, ${messages.roomId} as b
    from ${messages}
    where ${messages.senderId} = ${userId} and ${messages.roomId} is not null
    union all
    select 'thread' as kind, root.id as a, root.id as b
    from ${messages} root
    where (root.sender_id = ${userId} or root.receiver_id = ${userId}
        or (root.room_id is not null and exists (select 1 from ${messages} mine
          where mine.room_id = root.room_id and mine.sender_id = ${userId})))
      and root.parent_message_id is null
      and exists (select 1 from ${messages} r where r.parent_message_id = root.id)`);
  const tags = found.map((row) =>
    row.kind === "conv"
      ? conversationTag(Number(row.a), Number(row.b))
      : row.kind === "room"
        ? roomTag(Number(row.a))
        : threadTag(Number(row.a)),
  );
  return [...new Set(tags)];
}
