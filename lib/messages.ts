import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { findRow, insert, remove, update } from "@/db/events";
import { type Message, messages } from "@/db/schema";
import { fail, ok, type Result } from "./result";
import { editMessageSchema, messageIdSchema, parse, sendMessageSchema } from "./validation";

export function userExists(id: number): boolean {
  return findRow("users", id) !== undefined;
}

export function findMessage(id: number): Message | undefined {
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
export function sendMessage(senderId: number, input: unknown): Result<Message> {
  const parsed = parse(sendMessageSchema, input);
  if (!parsed.ok) return parsed;
  const { receiverId, content } = parsed.data;
  if (!userExists(receiverId)) {
    return fail("not_found", "That colleague does not exist.", {
      receiverId: ["That colleague does not exist."],
    });
  }
  return ok(storeMessage({ senderId, receiverId, content, parentMessageId: null }));
}

export function storeMessage(values: {
  senderId: number;
  receiverId: number;
  content: string;
  parentMessageId: number | null;
}): Message {
  const toSelf = values.receiverId === values.senderId;
  return insert("messages", { ...values, read: toSelf, readAt: toSelf ? Date.now() : null });
}

/**
 * Edits a message's content; only its sender may. The history receiver logs the previous
 * content in the same transaction. Saving the same content changes nothing.
 */
export function editMessage(userId: number, input: unknown): Result<Message> {
  const parsed = parse(editMessageSchema, input);
  if (!parsed.ok) return parsed;
  const { messageId, content } = parsed.data;
  const message = findMessage(messageId);
  if (!message || message.deletedAt !== null || !isParticipant(message, userId)) return notFound();
  if (message.senderId !== userId) {
    return fail("forbidden", "Only the sender can edit a message.");
  }
  if (message.content === content) return ok(message);
  const edited = update("messages", messageId, { content, edited: true, editedAt: Date.now() });
  return edited ? ok(edited) : notFound();
}

export type DeleteOutcome = { messageId: number; tombstone: boolean; message: Message };

/**
 * Deletes a message its sender wrote. Without replies the row goes (with its notifications
 * and history, through the receivers); with replies it becomes a tombstone so the thread
 * keeps its shape.
 */
export function deleteMessage(userId: number, input: unknown): Result<DeleteOutcome> {
  const parsed = parse(messageIdSchema, input);
  if (!parsed.ok) return parsed;
  const { messageId } = parsed.data;
  const message = findMessage(messageId);
  if (!message || message.deletedAt !== null || !isParticipant(message, userId)) return notFound();
  if (message.senderId !== userId) {
    return fail("forbidden", "Only the sender can delete a message.");
  }
  if (!hasReplies(messageId)) {
    remove("messages", messageId);
    return ok({ messageId, tombstone: false, message });
  }
  const tombstone = update("messages", messageId, {
    content: "",
    deletedAt: Date.now(),
    edited: false,
    editedAt: null,
  });
  return tombstone ? ok({ messageId, tombstone: true, message: tombstone }) : notFound();
}

function hasReplies(messageId: number): boolean {
  return (
    getDb()
      .select({ id: messages.id })
      .from(messages)
      .where(eq(messages.parentMessageId, messageId))
      .limit(1)
      .get() !== undefined
  );
}
