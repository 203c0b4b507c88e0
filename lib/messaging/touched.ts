import "server-only";
import type { CommittedEvent } from "@/db/events";
import type { Message } from "@/db/schema";
import { threadRootMap } from "./threads";

export type MessageRef = Pick<Message, "id" | "senderId" | "receiverId" | "parentMessageId">;

/** What a committed write to `messages` touched: computed once, for the cache and live delivery. */
export interface Touched {
  /** The rows written (one for a save or a delete, the whole set for a bulk write). */
  rows: MessageRef[];
  /** The root of a row's thread (a top-level message is its own); undefined once it is gone. */
  rootOf(row: MessageRef): number | undefined;
}

/** The rows of a committed write and their threads' roots, in one statement (none without replies). */
export async function touchedBy(event: CommittedEvent<"messages">): Promise<Touched> {
  const rows: MessageRef[] = "rows" in event ? event.rows : [event.instance];
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
