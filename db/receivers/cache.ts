import { expireTags } from "@/lib/cache";
import { tagsForMessageEvent } from "@/lib/cache-tags";
import { connect } from "../events";

/**
 * After a write commits, the cached conversation and thread views it touched are expired,
 * so nobody waits out the 60 s lifetime to see it. Account deletion arrives here as the
 * bulk delete of all the user's messages, so every one of their conversations is expired.
 */
export function connectCacheReceivers() {
  connect(
    "afterCommit",
    "messages",
    async (event) => expireTags(await tagsForMessageEvent(event)),
    {
      id: "cache.expire-message-views",
    },
  );
}
