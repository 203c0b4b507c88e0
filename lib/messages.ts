import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { insert } from "@/db/events";
import { type Message, users } from "@/db/schema";
import { fail, ok, type Result } from "./result";
import { parse, sendMessageSchema } from "./validation";

export function userExists(id: number): boolean {
  return getDb().select({ id: users.id }).from(users).where(eq(users.id, id)).get() !== undefined;
}

/**
 * Sends a direct message. `input` is untrusted ({ receiverId, content }). A message to
 * yourself is a note: stored already read, and the receiver hook makes no notification.
 */
export function sendMessage(senderId: number, input: unknown): Result<Message> {
  const parsed = parse(sendMessageSchema, input);
  if (!parsed.ok) return parsed;
  const { receiverId, content } = parsed.data;
  if (!userExists(receiverId)) {
    return fail("not_found", "That colleague does not exist.", {
      receiverId: ["That colleague does not exist."],
    });
  }
  const toSelf = receiverId === senderId;
  const message = insert("messages", {
    senderId,
    receiverId,
    content,
    read: toSelf,
    readAt: toSelf ? Date.now() : null,
  });
  return ok(message);
}
