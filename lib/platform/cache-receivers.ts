import { connect } from "@/db/events";
import { expireTags } from "./cache";
import { tagsForMessageEvent, tagsShowingUser } from "./cache-tags";

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
  // A new name shows in every cached conversation and thread of the user.
  connect(
    "afterCommit",
    "users",
    async (event) => {
      if (event.kind !== "save" || event.created) return;
      if (event.previous?.name === event.instance.name) return;
      await expireTags(await tagsShowingUser(event.instance.id));
    },
    { id: "cache.expire-renamed-user-views" },
  );
}
