import "server-only";
import { sql } from "drizzle-orm";
import { atomic, upsert } from "@/db/events";
import { reactions } from "@/db/schema";
import { findMessage, isParticipant } from "@/lib/messaging/messages";
import { fail, ok, type Result } from "@/lib/platform/result";
import { parse } from "@/lib/platform/validation";
import { writableRoom } from "@/lib/rooms/access";
import { toggleReactionSchema } from "./schemas";

const notFound = () => fail("not_found", "That message does not exist.");

/**
 * Turns the user's reaction `emoji` on `messageId` on, or off when it was on. Who may: the
 * two people of a direct message, the members of a room that is not archived; anyone else
 * learns nothing of the message (a 404). Never on a deleted message, never an edit, nobody
 * notified. The toggle itself is ONE statement: an upsert flipping the row's `active`.
 */
export async function toggleReaction(
  userId: number,
  input: unknown,
): Promise<Result<{ messageId: number; emoji: string; reacted: boolean }>> {
  const parsed = parse(toggleReactionSchema, input);
  if (!parsed.ok) return parsed;
  const { messageId, emoji } = parsed.data;
  return atomic(
    async (): Promise<Result<{ messageId: number; emoji: string; reacted: boolean }>> => {
      const message = await findMessage(messageId);
      if (!message) return notFound();
      if (message.roomId === null) {
        if (!isParticipant(message, userId)) return notFound();
      } else {
        const room = await writableRoom(userId, message.roomId);
        if (!room.ok) return room.code === "not_found" ? notFound() : room;
      }
      if (message.deletedAt !== null) {
        return fail("invalid", "That message was deleted, so it cannot get reactions.");
      }
      const row = await upsert(
        "reactions",
        { messageId, userId, emoji },
        {
          target: ["messageId", "userId", "emoji"],
          // A reaction turned on again moves to the end, as if it were new.
          set: { active: sql`not ${reactions.active}`, createdAt: sql`excluded.created_at` },
        },
      );
      return ok({ messageId, emoji, reacted: Boolean(row.active) });
    },
  );
}
