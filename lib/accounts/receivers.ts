import { eq, or, sql } from "drizzle-orm";
import type { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { connect, currentDb, deleteWhere } from "@/db/events";
import { perDialect } from "@/db/query";
import { messageHistory, messages, notifications, sessions } from "@/db/schema";

/** Every message of a conversation the user took part in (replies share their conversation). */
export function messagesOf(userId: number) {
  return sql`(select ${messages.id} from ${messages}
    where ${messages.senderId} = ${userId} or ${messages.receiverId} = ${userId})`;
}

/**
 * Deleting a user leaves nothing of theirs behind: one bulk statement per table, inside the
 * user's delete transaction. ON DELETE CASCADE would do the same silently; going through
 * the events layer lets the afterCommit receivers see what went (to refresh caches).
 * Connected in this order: histories and notifications before the messages they point at.
 */
export function connectAccountCleanupReceivers() {
  connect(
    "preDelete",
    "users",
    ({ instance }) =>
      deleteWhere(
        "message_history",
        or(
          sql`${messageHistory.messageId} in ${messagesOf(instance.id)}`,
          sql`${messageHistory.editedBy} = ${instance.id}`,
        ),
      ),
    { id: "accounts.delete-histories" },
  );
  connect(
    "preDelete",
    "users",
    ({ instance }) =>
      deleteWhere(
        "notifications",
        or(
          sql`${notifications.userId} = ${instance.id}`,
          sql`${notifications.messageId} in ${messagesOf(instance.id)}`,
        ),
      ),
    { id: "accounts.delete-notifications" },
  );
  connect(
    "preDelete",
    "users",
    async ({ instance }) => {
      await flattenThreads(instance.id);
      return deleteWhere("messages", sql`${messages.id} in ${messagesOf(instance.id)}`);
    },
    { id: "accounts.delete-messages" },
  );
  // Every session ends with the account, so its open event streams close at once.
  connect(
    "preDelete",
    "users",
    ({ instance }) => deleteWhere("sessions", eq(sessions.userId, instance.id)),
    { id: "accounts.end-sessions" },
  );
}

/**
 * SQLite: points every reply among the user's messages straight at its thread's root, just
 * before they all go in one DELETE. Without it SQLite deletes a parent first and its ON DELETE
 * CASCADE follows the chain of replies one nested trigger per level, which fails past 1,000
 * levels ("too many levels of trigger recursion") and nothing is deleted; a chain of replies
 * to one's own replies can be as long as anyone likes. With every reply one level under its
 * root, no cascade goes deeper than that. One statement whatever the depth; each reply keeps
 * its thread (the deletion's receivers find the same roots). It goes straight to the table
 * rather than through the events layer: the rows are deleted by the next statement of the
 * same transaction, and nobody is to hear of it as an update.
 */
async function flattenThreads(userId: number): Promise<void> {
  const query = sql`
    with recursive thread(id, root) as (
      select ${messages.id}, ${messages.id} from ${messages}
      where (${messages.senderId} = ${userId} or ${messages.receiverId} = ${userId})
        and ${messages.parentMessageId} is null
      union all
      select m.id, thread.root from messages m join thread on m.parent_message_id = thread.id
    )
    update messages set parent_message_id = thread.root
    from thread
    where messages.id = thread.id and messages.parent_message_id <> thread.root`;
  await perDialect({
    sqlite: async () => {
      (currentDb() as unknown as ReturnType<typeof drizzleSqlite>).run(query);
    },
    // PostgreSQL runs a cascade after its statement, when the replies it would delete are
    // gone already: one DELETE of them all never recurses, whatever the depth.
    postgres: async () => {},
  });
}
