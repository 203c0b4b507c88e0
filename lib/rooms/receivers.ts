import "server-only";
import { connect } from "@/db/events";
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
