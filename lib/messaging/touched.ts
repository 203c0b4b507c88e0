import "server-only";
import { inArray } from "drizzle-orm";
import type { CommittedEvent } from "@/db/events";
import { db } from "@/db/query";
import { type Message, messages } from "@/db/schema";
import { threadRootMap } from "./threads";

export type MessageRef = Pick<
  Message,
  "id" | "senderId" | "receiverId" | "roomId" | "parentMessageId"
>;

/** What a committed write to `messages` touched: computed once, for the cache and live delivery. */
export interface Touched {
  /** The rows written (one for a save or a delete, the whole set for a bulk write). */
  rows: MessageRef[];
  /** The root of a row's thread (a top-level message is its own); undefined once it is gone. */
  rootOf(row: MessageRef): number | undefined;
}

/** Messages by id, as refs, with their threads' roots: two statements (one without replies). */
export async function touchedMessages(ids: number[]): Promise<Touched> {
  if (ids.length === 0) return { rows: [], rootOf: () => undefined };
  const rows: MessageRef[] = await db()
    .select({
      id: messages.id,
      senderId: messages.senderId,
      receiverId: messages.receiverId,
      roomId: messages.roomId,
      parentMessageId: messages.parentMessageId,
    })
    .from(messages)
    .where(inArray(messages.id, [...new Set(ids)]));
  return rootsOf(rows);
}

/** The rows of a committed write and their threads' roots, in one statement (none without replies). */
export async function touchedBy(event: CommittedEvent<"messages">): Promise<Touched> {
  return rootsOf("rows" in event ? event.rows : [event.instance]);
}

async function rootsOf(rows: MessageRef[]): Promise<Touched> {
  // A reply's thread is found from its parent, which still exists when the reply is deleted.
  const rootOfParent = await threadRootMap(
    rows.flatMap((row) => (row.parentMessageId === null ? [] : [row.parentMessageId])),
  );
  return {
    rows,
    rootOf: (row) =>
      row.parentMessageId === null ? row.id : rootOfParent.get(row.parentMessageId),
  };
}
