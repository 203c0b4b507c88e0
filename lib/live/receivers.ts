import { connect } from "@/db/events";
import { publishNotificationEvent, publishSessionEvent } from "./publish";

/**
 * After a write commits, the people it concerns hear about it on their live stream. Message
 * writes go through the fan-out in lib/messaging/after-commit.ts.
 */
export function connectLiveReceivers() {
  connect("afterCommit", "notifications", publishNotificationEvent, {
    id: "live.publish-notifications",
  });
  connect("afterCommit", "sessions", publishSessionEvent, { id: "live.end-session-streams" });
}
