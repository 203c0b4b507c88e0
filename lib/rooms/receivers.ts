import "server-only";
import { and, eq, gt, lt } from "drizzle-orm";
import { connect, updateWhere } from "@/db/events";
import { roomMembers } from "@/db/schema";
import { liveBus } from "@/lib/live/bus";

/**
 * A room's membership changed (join, leave, add, removal, an account deleted): every
 * server forgets who is in it, so a removed member's open streams stop hearing the room at
 * once (lib/live/room-audience.ts).
 */
export function connectRoomReceivers() {
  connect(
    "afterCommit",
    "room_members",
    async (event) => {
      // A read position or a role moved: the audience is the same.
      if (event.kind === "bulkUpdate" || (event.kind === "save" && !event.created)) return;
      const changed = "rows" in event ? event.rows : [event.instance];
      for (const roomId of new Set(changed.map((row) => row.roomId))) {
        await liveBus().forgetRoom(roomId);
      }
    },
    { id: "rooms.forget-audience" },
  );
}

/**
 * A message sent into a room is read at once by the members watching it (./watching.ts):
 * one statement in the send's transaction, whatever the room's size, so those members'
 * tabs need not ask for each message.
 */
export function connectRoomWatching() {
  connect(
    "postSave",
    "messages",
    async ({ instance, created }) => {
      if (!created || instance.roomId === null) return;
      await updateWhere(
        "room_members",
        and(
          eq(roomMembers.roomId, instance.roomId),
          gt(roomMembers.watchingUntil, Date.now()),
          lt(roomMembers.lastReadMessageId, instance.id),
        ),
        { lastReadMessageId: instance.id },
      );
    },
    { id: "rooms.read-by-watchers" },
  );
}
