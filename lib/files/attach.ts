import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { updateWhere } from "@/db/events";
import { inIds } from "@/db/query";
import { attachments, type Message } from "@/db/schema";
import { type AttachmentView, toAttachmentView } from "./views";

/** Thrown inside a send's transaction to roll it back: an upload it names is not there. */
export class AttachmentUnavailableError extends Error {
  constructor() {
    super("An attachment is no longer available: remove it and attach it again.");
  }
}

/**
 * Attaches the sender's own unattached uploads to a message just stored, in the send's
 * transaction (one UPDATE through the events layer). Any id that is not such an upload
 * (someone else's, already attached, swept) rolls the whole send back: a message never
 * points at a file that is missing.
 */
export async function attachUploads(message: Message, ids: readonly number[]): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const attached = await updateWhere(
    "attachments",
    and(
      inIds(attachments.id, wanted),
      eq(attachments.uploaderId, message.senderId ?? 0),
      isNull(attachments.attachedAt),
    ),
    { messageId: message.id, attachedAt: Date.now() },
  );
  if (attached.length !== wanted.length) throw new AttachmentUnavailableError();
  attachedTo.set(message, attached.sort((a, b) => a.id - b.id).map(toAttachmentView));
}

/**
 * What a send just attached, by the very row the events layer carries to its afterCommit
 * receivers: the live stream shows a new message's files without reading them again.
 */
const attachedTo = new WeakMap<Message, AttachmentView[]>();

export function justAttached(message: Message): AttachmentView[] | undefined {
  return attachedTo.get(message);
}
