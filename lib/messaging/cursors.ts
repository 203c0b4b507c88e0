import "server-only";
import { and, eq, exists, or, sql } from "drizzle-orm";
import { db } from "@/db/query";
import { messages, roomMembers } from "@/db/schema";

/**
 * Cursors are message ids, and a page is answered by the cursor's position: a cursor from a
 * conversation the caller is not in would tell them when that message was written. Each
 * check is one indexed lookup by primary key, made before the page is read.
 */

/** True when `messageId` is a message between `a` and `b` (either direction). */
export async function isConversationCursor(
  a: number,
  b: number,
  messageId: number,
): Promise<boolean> {
  const [row] = await db()
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.id, messageId),
        or(
          and(eq(messages.senderId, a), eq(messages.receiverId, b)),
          and(eq(messages.senderId, b), eq(messages.receiverId, a)),
        ),
      ),
    );
  return row !== undefined;
}

/**
 * True when `messageId` is a message `userId` received, or a message of a room they are a
 * member of: the inbox's pages are made of them.
 */
export async function isInboxCursor(userId: number, messageId: number): Promise<boolean> {
  const [row] = await db()
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.id, messageId),
        or(
          eq(messages.receiverId, userId),
          exists(
            db()
              .select({ one: sql`1` })
              .from(roomMembers)
              .where(and(eq(roomMembers.roomId, messages.roomId), eq(roomMembers.userId, userId))),
          ),
        ),
      ),
    );
  return row !== undefined;
}
