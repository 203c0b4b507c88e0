import "server-only";
import { and, eq, gt } from "drizzle-orm";
import { db } from "@/db/query";
import { roomMembers } from "@/db/schema";

/**
 * The members with the room open in a visible tab now (./watching.ts): one statement
 * through room_members_watching_idx, whatever the room's size.
 */
export async function roomWatchers(roomId: number): Promise<number[]> {
  const found = await db()
    .select({ userId: roomMembers.userId })
    .from(roomMembers)
    .where(and(eq(roomMembers.roomId, roomId), gt(roomMembers.watchingUntil, Date.now())));
  return found.map((row) => row.userId);
}
