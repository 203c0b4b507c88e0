import { randomBytes } from "node:crypto";
import { db } from "@/db/query";
import { messages, roomMembers, rooms } from "@/db/schema";

/** A seeded room and its members (user ids, in seeding order: a prefix is a step's active users). */
export interface SeededRoom {
  id: number;
  members: number[];
  /** The company-wide room: everybody is in it. */
  company: boolean;
}

/**
 * Each user's rooms, one per layer: users are cut into consecutive blocks of each size (a
 * short last block joins the one before), so everyone is in five rooms of 10 to 1,000
 * members, and a step's active users (the first `count`) fill whole rooms among themselves.
 */
export const ROOM_SIZES = [10, 30, 100, 300, 1_000];
const CHUNK = 500;
/** Messages already in each room: the page has something to show and to mark read. */
const BACKLOG = 5;

function blocks(ids: number[], size: number): number[][] {
  const out: number[][] = [];
  for (let start = 0; start < ids.length; start += size) out.push(ids.slice(start, start + size));
  const last = out.at(-1);
  if (out.length > 1 && last && last.length < size / 2) {
    out.pop();
    out[out.length - 1]?.push(...last);
  }
  return out;
}

/** The rooms of every layer, then the company-wide room: each room's members. */
export function roomLayout(ids: number[]): { members: number[]; company: boolean }[] {
  return [
    ...ROOM_SIZES.flatMap((size) =>
      blocks(ids, size).map((members) => ({ members, company: false })),
    ),
    { members: ids, company: true },
  ];
}

/** The rooms of every layer plus the company-wide room, written straight to the tables. */
export async function seedRooms(ids: number[]): Promise<SeededRoom[]> {
  const run = randomBytes(3).toString("hex");
  const layout = roomLayout(ids);
  const seeded: SeededRoom[] = [];
  for (const [i, { members, company }] of layout.entries()) {
    const [room] = await db()
      .insert(rooms)
      .values({
        name: company ? `company-${run}` : `team-${run}-${i + 1}`,
        kind: "open",
        createdBy: members[0] as number,
      })
      .returning({ id: rooms.id });
    const id = (room as { id: number }).id;
    for (let start = 0; start < members.length; start += CHUNK) {
      const batch = members.slice(start, start + CHUNK).map((userId) => ({ roomId: id, userId }));
      await db().insert(roomMembers).values(batch);
    }
    const backlog = Array.from({ length: BACKLOG }, (_, k) => ({
      senderId: members[k % members.length] as number,
      receiverId: null,
      roomId: id,
      content: `Earlier message ${k + 1} in this room.`,
      createdAt: Date.now() - (BACKLOG - k) * 60_000,
      read: true,
    }));
    await db().insert(messages).values(backlog);
    seeded.push({ id, members, company });
  }
  return seeded;
}
