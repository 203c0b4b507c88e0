import { and, eq } from "drizzle-orm";
import { connect, deleteWhere, updateWhere } from "@/db/events";
import { inIds } from "@/db/query";
import { notifications } from "@/db/schema";
import { createNotificationFor } from "./notifications";

export function connectNotificationReceivers() {
  // A new message notifies its receiver (never its sender, and never on an update).
  connect(
    "postSave",
    "messages",
    async ({ instance, created }) => {
      if (created) await createNotificationFor(instance);
    },
    { id: "notifications.notify-receiver" },
  );

  // A deleted message, or one turned into a tombstone, takes its notifications with it.
  const dropNotificationsOf = (messageId: number) =>
    deleteWhere("notifications", eq(notifications.messageId, messageId));
  connect("preDelete", "messages", ({ instance }) => dropNotificationsOf(instance.id), {
    id: "notifications.drop-on-delete",
  });
  connect(
    "postSave",
    "messages",
    async ({ instance, previous }) => {
      if (previous && previous.deletedAt == null && instance.deletedAt != null) {
        await dropNotificationsOf(instance.id);
      }
    },
    { id: "notifications.drop-on-tombstone" },
  );

  // A notification is read exactly when its message is: marking a message read (or unread)
  // carries over, one row or a whole batch at a time.
  connect(
    "postSave",
    "messages",
    async ({ instance, previous }) => {
      if (previous && previous.read !== instance.read) {
        // Only those not already so: opening a notification reads it before its message.
        await updateWhere(
          "notifications",
          and(eq(notifications.messageId, instance.id), eq(notifications.read, !instance.read)),
          { read: instance.read },
        );
      }
    },
    { id: "notifications.mirror-read-state" },
  );
  connect(
    "bulkUpdate",
    "messages",
    async ({ rows, changes }) => {
      if (changes.read === undefined) return;
      await updateWhere(
        "notifications",
        and(
          inIds(
            notifications.messageId,
            rows.map((row) => row.id),
          ),
          eq(notifications.read, !changes.read),
        ),
        { read: changes.read },
      );
    },
    { id: "notifications.mirror-bulk-read-state" },
  );
}
