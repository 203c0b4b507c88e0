import { publishMessageEvent, publishNotificationEvent } from "@/lib/live/publish";
import { connect } from "../events";

/** After a write commits, the people it concerns hear about it on their live stream. */
export function connectLiveReceivers() {
  connect("afterCommit", "messages", publishMessageEvent, { id: "live.publish-messages" });
  connect("afterCommit", "notifications", publishNotificationEvent, {
    id: "live.publish-notifications",
  });
}
