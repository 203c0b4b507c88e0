import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { connect, deleteWhere } from "@/db/events";
import { reactions } from "@/db/schema";
import { publishReactionEvent } from "@/lib/live/publish-reaction";
import { tagsShowingMessages } from "@/lib/messaging/cache-tags";
import { touchedMessages } from "@/lib/messaging/touched";
import { expireTags } from "@/lib/platform/cache";

/**
 * Reactions follow their message and their author:
 * - a message turned into a tombstone loses its reactions (a hard delete cascades);
 * - an account's deletion removes every reaction it made, through the events layer, so the
 *   views that showed them are expired;
 * - after a toggle commits, the views showing the message are expired by tag and whoever
 *   sees it hears of it live. Nobody is notified.
 */
export function connectReactionReceivers() {
  connect(
    "postSave",
    "messages",
    async ({ instance, previous }) => {
      if (previous && previous.deletedAt === null && instance.deletedAt !== null) {
        await deleteWhere("reactions", eq(reactions.messageId, instance.id));
      }
    },
    { id: "reactions.remove-with-tombstone" },
  );
  connect(
    "bulkUpdate",
    "messages",
    async ({ rows, changes }) => {
      if (changes.deletedAt == null) return;
      await deleteWhere(
        "reactions",
        inArray(
          reactions.messageId,
          rows.map((row) => row.id),
        ),
      );
    },
    { id: "reactions.remove-with-tombstones" },
  );
  connect(
    "preDelete",
    "users",
    ({ instance }) => deleteWhere("reactions", sql`${reactions.userId} = ${instance.id}`),
    { id: "reactions.remove-with-account" },
  );
  connect(
    "afterCommit",
    "reactions",
    async (event) => {
      const changed = "rows" in event ? event.rows : [event.instance];
      const touched = await touchedMessages(changed.map((row) => row.messageId));
      await expireTags(tagsShowingMessages(touched.rows, touched.rootOf));
      if (event.kind !== "save") return; // removed with a message or an account: views refetch
      const [message] = touched.rows;
      if (message) await publishReactionEvent(event.instance, message, touched.rootOf(message));
    },
    { id: "reactions.after-commit" },
  );
}
