import "server-only";
import { and, eq } from "drizzle-orm";
import { atomic, findRow, insert, remove, update } from "@/db/events";
import { db } from "@/db/query";
import { type Message, messages } from "@/db/schema";
import { AttachmentUnavailableError, attachUploads } from "@/lib/files/attach";
import { keepEarlierMentions } from "@/lib/mentions/editable";
import { type MentionTarget, prepareContent } from "@/lib/mentions/prepare";
import { fail, ok, type Result } from "@/lib/platform/result";
import {
  editMessageSchema,
  messageIdSchema,
  parse,
  sendMessageSchema,
} from "@/lib/platform/validation";
import { writableRoom } from "@/lib/rooms/access";

export function findMessage(id: number): Promise<Message | undefined> {
  return findRow("messages", id);
}

/**
 * Whether the user takes part in a direct message (sent or received it). A room message's
 * readers are the room's (lib/rooms/access.ts); here only its sender counts, which is all
 * editing and deleting need.
 */
export function isParticipant(
  message: Pick<Message, "senderId" | "receiverId" | "roomId">,
  userId: number,
) {
  if (message.roomId !== null) return message.senderId === userId;
  return message.senderId === userId || message.receiverId === userId;
}

/**
 * A room message may be changed only while its sender is a member and the room is not
 * archived. Answers where the message's mentions resolve (lib/mentions/prepare.ts).
 */
async function roomAllowsChange(message: Message, userId: number): Promise<Result<MentionTarget>> {
  if (message.roomId === null) {
    return ok({ participants: [message.senderId ?? userId, message.receiverId ?? userId] });
  }
  const room = await writableRoom(userId, message.roomId);
  if (!room.ok) return room;
  return ok({ roomId: message.roomId, role: room.data.membership.role });
}

const notFound = () => fail("not_found", "That message does not exist.");

/** Nobody can send a deactivated colleague new messages or replies (until reactivated). */
export function deactivated(receiver: { name: string }) {
  const message = `${receiver.name} has been deactivated and cannot receive messages.`;
  return fail("forbidden", message, { content: [message] });
}

/**
 * Sends a direct message. `input` is untrusted ({ receiverId, content }). A message to
 * yourself is a note: stored already read, and the receiver hook makes no notification.
 */
export async function sendMessage(senderId: number, input: unknown): Promise<Result<Message>> {
  const parsed = parse(sendMessageSchema, input);
  if (!parsed.ok) return parsed;
  const { receiverId, content, idempotencyKey, attachmentIds } = parsed.data;
  const receiver = await findRow("users", receiverId);
  if (!receiver) {
    return fail("not_found", "That colleague does not exist.", {
      receiverId: ["That colleague does not exist."],
    });
  }
  if (receiver.deactivatedAt !== null && receiverId !== senderId) return deactivated(receiver);
  const prepared = await prepareContent(content, { participants: [senderId, receiverId] });
  if (!prepared.ok) return prepared;
  return storeMessage({
    senderId,
    receiverId,
    content: prepared.data,
    parentMessageId: null,
    idempotencyKey,
    attachmentIds,
  });
}

interface NewMessage {
  senderId: number;
  /** The receiver of a direct message; null for a room message. */
  receiverId: number | null;
  /** The room of a room message. */
  roomId?: number | null;
  content: string;
  parentMessageId: number | null;
  idempotencyKey?: string;
  /** The sender's uploads to attach, in the same transaction (lib/files/attach.ts). */
  attachmentIds?: number[];
}

/**
 * Stores a message, or, when its idempotency key was used before by the same sender,
 * returns the message that send stored (a retry after a lost response or a dead server).
 * A key reused for a different message is a conflict. The unique index on the key decides,
 * for a retry as for retries racing each other: the insert fails and the earlier row is
 * found, so the first send (nearly every send) looks nothing up beforehand.
 */
export async function storeMessage(values: NewMessage): Promise<Result<Message>> {
  const toSelf = values.receiverId === values.senderId;
  try {
    // A savepoint when nested (a reply's transaction): the refused insert is caught here.
    const { attachmentIds = [], ...row } = values;
    const stored = await atomic(async () => {
      const message = await insert("messages", {
        ...row,
        read: toSelf,
        readAt: toSelf ? Date.now() : null,
      });
      await attachUploads(message, attachmentIds);
      return message;
    });
    return ok(stored);
  } catch (error) {
    if (error instanceof AttachmentUnavailableError) {
      return fail("invalid", error.message, { attachmentIds: [error.message] });
    }
    const earlier =
      values.idempotencyKey && (await findBySendKey(values.senderId, values.idempotencyKey));
    if (earlier) return sameSend(earlier, values);
    throw error;
  }
}

async function findBySendKey(senderId: number, key: string): Promise<Message | undefined> {
  const [message] = await db()
    .select()
    .from(messages)
    .where(and(eq(messages.senderId, senderId), eq(messages.idempotencyKey, key)));
  return message;
}

function sameSend(earlier: Message, values: NewMessage): Result<Message> {
  const same =
    earlier.receiverId === values.receiverId &&
    earlier.roomId === (values.roomId ?? null) &&
    earlier.parentMessageId === values.parentMessageId &&
    (earlier.content === values.content || earlier.edited || earlier.deletedAt !== null);
  if (!same) return fail("conflict", "That send key was already used for another message.");
  return ok(earlier);
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
  const allowed = await roomAllowsChange(message, userId);
  if (!allowed.ok) return allowed;
  if (message.content === content) return ok(message);
  const prepared = await prepareContent(
    keepEarlierMentions(content, message.content),
    allowed.data,
  );
  if (!prepared.ok) return prepared;
  if (message.content === prepared.data) return ok(message);
  const edited = await update("messages", messageId, {
    content: prepared.data,
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
    const allowed = await roomAllowsChange(message, userId);
    if (!allowed.ok) return allowed;
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
