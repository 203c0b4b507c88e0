import { eq } from "drizzle-orm";
import { atomic, findRow, insert, remove, update } from "@/db/events";
import { db } from "@/db/query";
import { type Message, messages } from "@/db/schema";
import { fail, ok, type Result } from "./result";
import { editMessageSchema, messageIdSchema, parse, sendMessageSchema } from "./validation";

export async function userExists(id: number): Promise<boolean> {
  return (await findRow("users", id)) !== undefined;
}

export function findMessage(id: number): Promise<Message | undefined> {
  return findRow("messages", id);
}

export function isParticipant(message: Pick<Message, "senderId" | "receiverId">, userId: number) {
  return message.senderId === userId || message.receiverId === userId;
}

const notFound = () => fail("not_found", "That message does not exist.");

/**
 * Sends a direct message. `input` is untrusted ({ receiverId, content }). A message to
 * yourself is a note: stored already read, and the receiver hook makes no notification.
 */
export async function sendMessage(senderId: number, input: unknown): Promise<Result<Message>> {
  const parsed = parse(sendMessageSchema, input);
  if (!parsed.ok) return parsed;
  const { receiverId, content } = parsed.data;
  if (!(await userExists(receiverId))) {
    return fail("not_found", "That colleague does not exist.", {
      receiverId: ["That colleague does not exist."],
    });
  }
  return ok(await storeMessage({ senderId, receiverId, content, parentMessageId: null }));
}

export function storeMessage(values: {
  senderId: number;
  receiverId: number;
  content: string;
  parentMessageId: number | null;
}): Promise<Message> {
  const toSelf = values.receiverId === values.senderId;
  return insert("messages", { ...values, read: toSelf, readAt: toSelf ? Date.now() : null });
}

/**
 * Edits a message's content; only its sender may. The history receiver logs the previous
 * content in the same transaction. Saving the same content changes nothing.
 */
export async function editMessage(userId: number, input: unknown): Promise<Result<Message>> {
  const parsed = parse(editMessageSchema, input);
  if (!parsed.ok) return parsed;
  const { messageId, content } = parsed.data;
  const message = await findMessage(messageId);
  if (!message || message.deletedAt !== null || !isParticipant(message, userId)) return notFound();
  if (message.senderId !== userId) {
    return fail("forbidden", "Only the sender can edit a message.");
  }
  if (message.content === content) return ok(message);
  const edited = await update("messages", messageId, {
    content,
    edited: true,
    editedAt: Date.now(),
  });
  return edited ? ok(edited) : notFound();
}

export type DeleteOutcome = { messageId: number; tombstone: boolean; message: Message };

/**
 * Deletes a message its sender wrote. Without replies the row goes (with its notifications
 * and history, through the receivers); with replies it becomes a tombstone so the thread
 * keeps its shape.
 */
export async function deleteMessage(
  userId: number,
  input: unknown,
): Promise<Result<DeleteOutcome>> {
  const parsed = parse(messageIdSchema, input);
  if (!parsed.ok) return parsed;
  const { messageId } = parsed.data;
  // One transaction: a reply arriving between the check and the delete must not be lost.
  return atomic(async (): Promise<Result<DeleteOutcome>> => {
    const message = await findMessage(messageId);
    if (!message || message.deletedAt !== null || !isParticipant(message, userId))
      return notFound();
    if (message.senderId !== userId) {
      return fail("forbidden", "Only the sender can delete a message.");
    }
    if (!(await hasReplies(messageId))) {
      await remove("messages", messageId);
      return ok({ messageId, tombstone: false, message });
    }
    const tombstone = await update("messages", messageId, {
      content: "",
      deletedAt: Date.now(),
      edited: false,
      editedAt: null,
    });
    return tombstone ? ok({ messageId, tombstone: true, message: tombstone }) : notFound();
  });
}

async function hasReplies(messageId: number): Promise<boolean> {
  const [reply] = await db()
    .select({ id: messages.id })
    .from(messages)
    .where(eq(messages.parentMessageId, messageId))
    .limit(1);
  return reply !== undefined;
}
