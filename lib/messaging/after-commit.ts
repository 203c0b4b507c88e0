import "server-only";
import { connect } from "@/db/events";
import { publishMessageEvent } from "@/lib/live/publish";
import { expireTags } from "@/lib/platform/cache";
import { tagsForMessageEvent, tagsShowingUser } from "./cache-tags";
import { touchedBy } from "./touched";

/**
 * The after-commit fan-out of a message write: what it touched (its conversation, its
 * threads' roots) is computed once, then the cached views showing it are expired and the
 * people it concerns hear about it on their live stream, in that order (a client that
 * refetches on the event finds the cache already expired). A failure of one consumer is
 * logged and does not stop the other. Account deletion arrives here as the bulk delete of
 * all the user's messages, so every one of their conversations is expired.
 */
export function connectMessageFanOut() {
  connect(
    "afterCommit",
    "messages",
    async (event) => {
      const touched = await touchedBy(event);
      await robustly("cache", async () => expireTags(await tagsForMessageEvent(event, touched)));
      await robustly("live", () => publishMessageEvent(event, touched));
    },
    { id: "messages.after-commit" },
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

async function robustly(consumer: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    console.error(`[events] afterCommit ${consumer} fan-out failed:`, error);
  }
}
