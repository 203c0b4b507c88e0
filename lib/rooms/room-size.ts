import "server-only";
import { sql } from "drizzle-orm";
import { rows } from "@/db/query";
import { LARGE_ROOM_MEMBERS } from "./large-room";

/**
 * Whether a room has more than LARGE_ROOM_MEMBERS members: one statement that stops
 * counting past the limit, so its cost does not grow with the room.
 */
export async function isLargeRoom(roomId: number): Promise<boolean> {
  const [row] = await rows<{ members: number }>(sql`
    select count(*) as members from (
      select 1 from room_members where room_id = ${roomId} limit ${LARGE_ROOM_MEMBERS + 1}
    ) counted`);
  return Number(row?.members ?? 0) > LARGE_ROOM_MEMBERS;
}
