import { connect } from "@/db/events";
import { publishMessageEvent, publishNotificationEvent, publishSessionEvent } from "./publish";

/** After a write commits, the people it concerns hear about it on their live stream. */
export function connectLiveReceivers() {
  connect("afterCommit", "messages", publishMessageEvent, { id: "live.publish-messages" });
  connect("afterCommit", "notifications", publishNotificationEvent, {
    id: "live.publish-notifications",
  });
  connect("afterCommit", "sessions", publishSessionEvent, { id: "live.end-session-streams" });
}
