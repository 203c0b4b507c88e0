import "server-only";
import { connect } from "@/db/events";
import type { Attachment } from "@/db/schema";
import { deleteAccountFiles, deleteAttachmentsOf, deleteDetached, storedKeys } from "./cleanup";
import { fileStore } from "./storage";

/**
 * Files follow their messages. Rows go inside the deleting transaction; the bytes go only
 * after it commits (a rolled-back delete keeps its files). Editing changes no attachment.
 * Any other bulk delete of messages leaves its files to the hourly sweep (deleteDetached).
 */
export function connectFileReceivers() {
  connect("postDelete", "messages", () => deleteDetached(), { id: "files.message-deleted" });
  connect(
    "postSave",
    "messages",
    ({ instance, previous }) => {
      if (previous && previous.deletedAt === null && instance.deletedAt !== null) {
        return deleteAttachmentsOf([instance.id]);
      }
    },
    { id: "files.message-tombstoned" },
  );
  connect(
    "bulkUpdate",
    "messages",
    ({ rows, changes }) => {
      if (changes.deletedAt) return deleteAttachmentsOf(rows.map((row) => row.id));
    },
    { id: "files.messages-tombstoned" },
  );
  // An account's deletion removes its messages in bulk: their files, and its unsent
  // uploads, go in one statement once the user's row has gone.
  connect("postDelete", "users", () => deleteAccountFiles(), { id: "files.account-deleted" });
  connect("postDelete", "rooms", () => deleteDetached(), { id: "files.room-deleted" });
  connect(
    "afterCommit",
    "attachments",
    async (event) => {
      const gone: Attachment[] =
        event.kind === "delete" ? [event.instance] : event.kind === "bulkDelete" ? event.rows : [];
      if (gone.length > 0) await fileStore().remove(storedKeys(gone));
    },
    { id: "files.remove-bytes" },
  );
}
