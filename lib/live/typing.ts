import "server-only";
import { z } from "zod";
import { findRow } from "@/db/events";
import { fail, type Result } from "@/lib/platform/result";
import { idSchema } from "@/lib/platform/validation";
import { roomAccess } from "@/lib/rooms/access";
import { LARGE_ROOM_MEMBERS } from "@/lib/rooms/large-room";
import { isLargeRoom } from "@/lib/rooms/room-size";
import { roomWatchers } from "@/lib/rooms/watchers";
import { liveBus } from "./bus";
import { typingStarted } from "./events";
import { presenceStore } from "./presence-store";
import { typingGate } from "./typing-gate";
import { TYPING_EVERY_MS } from "./typing-timing";

/** Where someone types: a room, or the direct conversation with `receiverId`. */
export const typingInput = z.union([
  z.strictObject({ roomId: idSchema }),
  z.strictObject({ receiverId: idSchema }),
]);

const notFound = () => fail("not_found", "That conversation does not exist.");

/**
 * Tells the other members of a conversation that `typist` is typing: never stored, carried
 * by the live bus only. Only a member may (a room's member, not archived; a direct
 * conversation with an existing, active colleague); anyone else hears "does not exist",
 * as a private room answers everyone else. Nobody's typing is shown in a large room (its
 * page sends none), so the server refuses it there too; in a room it reaches the members
 * who have the room open. The client sends one per TYPING_EVERY_MS per conversation; the
 * server refuses a second within TYPING_GATE_MS.
 */
export async function sendTyping(
  typist: { id: number; name: string },
  input: unknown,
): Promise<Result<{ sent: true }>> {
  const parsed = typingInput.safeParse(input);
  if (!parsed.success) return fail("invalid", "Give a roomId or a receiverId.");
  const target = parsed.data;
  if ("roomId" in target) {
    const access = await roomAccess(typist.id, target.roomId);
    if (!access?.membership || access.room.archivedAt !== null) return notFound();
    if (await isLargeRoom(target.roomId)) {
      const message = `Typing is not shown in rooms of more than ${LARGE_ROOM_MEMBERS} members.`;
      return fail("invalid", message);
    }
  } else {
    if (target.receiverId === typist.id) return notFound();
    const receiver = await findRow("users", target.receiverId);
    if (!receiver || receiver.deactivatedAt !== null) return notFound();
  }
  const where = "roomId" in target ? `r${target.roomId}` : `u${target.receiverId}`;
  if (!(await typingGate().allow(`${typist.id}:${where}`))) {
    return fail("rate_limited", `Typing is sent at most once every ${TYPING_EVERY_MS / 1000} s.`);
  }
  // Typing is using the tab: the typist is active, and the tab's next ping can wait.
  await presenceStore().ping(typist.id, true, undefined);
  if ("roomId" in target) {
    // Shown only on the room's page: the members watching it are those who can see it (a
    // member who opens the room hears the typist's next signal, within TYPING_EVERY_MS).
    const watchers = (await roomWatchers(target.roomId)).filter((id) => id !== typist.id);
    await liveBus().signal(watchers, typingStarted(typist, target.roomId));
  } else {
    await liveBus().signal([target.receiverId], typingStarted(typist));
  }
  return { ok: true, data: { sent: true } };
}
