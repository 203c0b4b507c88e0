import { createNotificationFor } from "@/lib/notifications";
import { connect } from "../events";

/** A new message notifies its receiver (never its sender, and never on an update). */
export function connectNotificationReceivers() {
  connect(
    "postSave",
    "messages",
    ({ instance, created }) => {
      if (created) createNotificationFor(instance);
    },
    { id: "notifications.notify-receiver" },
  );
}
