import { eq } from "drizzle-orm";
import { connect, deleteWhere, insert } from "@/db/events";
import { messageHistory } from "@/db/schema";

/**
 * Edits keep every previous version: before a message's content changes, its old content
 * goes to message_history. Turning a message into a tombstone erases its history instead.
 */
export function connectHistoryReceivers() {
  connect(
    "preSave",
    "messages",
    async ({ instance, previous, created }) => {
      if (created || !previous) return;
      if (instance.deletedAt != null) {
        if (previous.deletedAt == null)
          await deleteWhere("message_history", eq(messageHistory.messageId, previous.id));
        return;
      }
      if (instance.content === previous.content) return;
      await insert("message_history", {
        messageId: previous.id,
        oldContent: previous.content,
        editedBy: previous.senderId,
        editedAt: instance.editedAt ?? Date.now(),
      });
    },
    { id: "history.log-previous-content" },
  );

  connect(
    "preDelete",
    "messages",
    ({ instance }) => deleteWhere("message_history", eq(messageHistory.messageId, instance.id)),
    { id: "history.drop-on-delete" },
  );
}
