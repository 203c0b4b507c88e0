import { eq } from "drizzle-orm";
import { createNotificationFor } from "@/lib/notifications";
import { connect, deleteWhere } from "../events";
import { notifications } from "../schema";

export function connectNotificationReceivers() {
  // A new message notifies its receiver (never its sender, and never on an update).
  connect(
    "postSave",
    "messages",
    ({ instance, created }) => {
      if (created) createNotificationFor(instance);
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
    ({ instance, previous }) => {
      if (previous && previous.deletedAt == null && instance.deletedAt != null) {
        dropNotificationsOf(instance.id);
      }
    },
    { id: "notifications.drop-on-tombstone" },
  );
}
