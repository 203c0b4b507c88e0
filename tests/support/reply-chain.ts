import { sql } from "drizzle-orm";
import { atomic } from "@/db/events";
import { db, rows } from "@/db/query";
import { messages } from "@/db/schema";

const CHUNK = 500;

/**
 * A chain of `depth` messages between two users, each a reply to the one before: written
 * straight into the table (a handful of statements, not thousands of sends), as a long
 * run of "reply to your own reply" leaves it. Returns the ids, root first.
 */
export async function storeReplyChain(
  senderId: number,
  receiverId: number,
  depth: number,
): Promise<number[]> {
  return atomic(async () => {
    const ids: number[] = [];
    for (let start = 0; start < depth; start += CHUNK) {
      const values = Array.from({ length: Math.min(CHUNK, depth - start) }, (_, i) => ({
        senderId: (start + i) % 2 ? receiverId : senderId,
        receiverId: (start + i) % 2 ? senderId : receiverId,
        content: `reply ${start + i}`,
      }));
      const inserted = await db().insert(messages).values(values).returning({ id: messages.id });
      ids.push(...inserted.map((row) => row.id));
    }
    ids.sort((a, b) => a - b);
    // Each message replies to the one stored just before it.
    await rows(sql`
      update ${messages} set parent_message_id = (
        select max(earlier.id) from ${messages} as earlier
        where earlier.id < ${messages.id} and earlier.id >= ${ids[0]})
      where ${messages.id} > ${ids[0]} and ${messages.id} <= ${ids.at(-1)} returning id`);
    return ids;
  });
}
