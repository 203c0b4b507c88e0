import "server-only";
import { sql } from "drizzle-orm";
import type { CommittedEvent } from "@/db/events";
import { inIds, pinnedJoin, rows } from "@/db/query";
import { type Message, messages } from "@/db/schema";
import { MAX_THREAD_DEPTH } from "@/lib/messaging/threads";
import { conversationTag, threadTag } from "./cache";

type MessageRef = Pick<Message, "id" | "senderId" | "receiverId" | "parentMessageId">;

/**
 * The cached views a committed write to `messages` touches:
 * - a top-level message shows in its conversation and heads its own thread: both tags;
 * - a reply created or deleted changes its conversation's reply count and its thread, and so
 *   does a change of its read state (the conversation shows each thread's unread replies);
 * - any other change to a reply (an edit) shows only in its thread.
 */
export function tagsForMessageEvent(event: CommittedEvent<"messages">): Promise<string[]> {
  switch (event.kind) {
    case "save":
      return tagsFor(
        [event.instance],
        event.created || becameTombstone(event) || event.previous?.read !== event.instance.read,
      );
    case "delete":
      return tagsFor([event.instance], true);
    case "bulkUpdate":
      // Bulk updates are read-state changes (mark read, mark all read).
      return tagsFor(event.rows, true);
    case "bulkDelete":
      return tagsFor(event.rows, true);
  }
}

function becameTombstone(event: { instance: Message; previous?: Message }): boolean {
  return event.previous?.deletedAt == null && event.instance.deletedAt != null;
}

async function tagsFor(changed: MessageRef[], changesConversation: boolean): Promise<string[]> {
  const tags = new Set<string>();
  const replyParents: number[] = [];
  for (const row of changed) {
    if (row.parentMessageId === null) {
      tags.add(conversationTag(row.senderId, row.receiverId));
      tags.add(threadTag(row.id));
    } else {
      if (changesConversation) tags.add(conversationTag(row.senderId, row.receiverId));
      replyParents.push(row.parentMessageId);
    }
  }
  for (const rootId of await threadRootsOf(replyParents)) tags.add(threadTag(rootId));
  return [...tags];
}

/** The thread roots above the given messages (that still exist), in one statement. */
export async function threadRootsOf(messageIds: number[]): Promise<number[]> {
  return [...new Set((await threadRootMap(messageIds)).values())];
}

/** For each given message that exists, the root of its thread: one statement. */
export async function threadRootMap(messageIds: number[]): Promise<Map<number, number>> {
  if (messageIds.length === 0) return new Map();
  const found = await rows<{ origin: number; root: number }>(sql`
    with recursive up(origin, id, parent_id, steps) as (
      select id, id, parent_message_id, 0 from messages
      where ${inIds(messages.id, [...new Set(messageIds)])}
      union all
      select up.origin, m.id, m.parent_message_id, up.steps + 1
      from up ${pinnedJoin()} messages m on m.id = up.parent_id
      where up.steps < ${MAX_THREAD_DEPTH}
    )
    select origin, id as root from up where parent_id is null`);
  return new Map(found.map((row) => [row.origin, row.root]));
}

/**
 * The cached views that show a user's name: every conversation they take part in, and
 * every thread in those conversations (only its two participants write in a thread). One
 * statement.
 */
export async function tagsShowingUser(userId: number): Promise<string[]> {
  const found = await rows<{ kind: string; a: number; b: number }>(sql`
    select distinct 'conv' as kind, ${messages.senderId} as a, ${messages.receiverId} as b
    from ${messages}
    where ${messages.senderId} = ${userId} or ${messages.receiverId} = ${userId}
    union all
    select 'thread' as kind, root.id as a, root.id as b
    from ${messages} root
    where (root.sender_id = ${userId} or root.receiver_id = ${userId})
      and root.parent_message_id is null
      and exists (select 1 from ${messages} r where r.parent_message_id = root.id)`);
  const tags = found.map((row) =>
    row.kind === "conv" ? conversationTag(Number(row.a), Number(row.b)) : threadTag(Number(row.a)),
  );
  return [...new Set(tags)];
}
