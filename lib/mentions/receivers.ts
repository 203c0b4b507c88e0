import "server-only";
import { connect } from "@/db/events";
import { notifyRoomMentions } from "./notify";

/**
 * Mentions in rooms notify inside the send's (or the edit's) transaction. Connected after
 * the notification receivers (lib/receivers.ts), so a reply's own notification comes first.
 */
export function connectMentionReceivers() {
  connect(
    "postSave",
    "messages",
    async ({ instance, previous, created }) => {
      if (created) return notifyRoomMentions(instance);
      if (previous && previous.content !== instance.content) {
        return notifyRoomMentions(instance, previous);
      }
    },
    { id: "mentions.notify-room-members" },
  );
}
