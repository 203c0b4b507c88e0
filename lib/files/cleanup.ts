import "server-only";
import { and, isNotNull, isNull, lt, or } from "drizzle-orm";
import { deleteWhere } from "@/db/events";
import { inIds } from "@/db/query";
import { type Attachment, attachments } from "@/db/schema";
import { fileStore } from "./storage";

/** Uploads never attached within this long are swept. */
export const UNATTACHED_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Scratch files this old belong to an upload that can no longer finish. */
const SCRATCH_LIFETIME_MS = 60 * 60 * 1000;

/**
 * Attachments whose message went by any path (a delete, a cascade from a room or an
 * account): the foreign key leaves them attached to nothing. Their rows go here, in the
 * deleting transaction; their files after it commits (the afterCommit receiver).
 */
export function deleteDetached(): Promise<Attachment[]> {
  return deleteWhere(
    "attachments",
    and(isNull(attachments.messageId), isNotNull(attachments.attachedAt)),
  );
}

/** The attachments of messages that became tombstones. */
export function deleteAttachmentsOf(messageIds: number[]): Promise<Attachment[]> {
  if (messageIds.length === 0) return Promise.resolve([]);
  return deleteWhere("attachments", inIds(attachments.messageId, messageIds));
}

/**
 * After an account's row went: the files of its deleted messages, and its uploads never
 * sent (the foreign key left them without an uploader), in ONE statement.
 */
export function deleteAccountFiles(): Promise<Attachment[]> {
  return deleteWhere(
    "attachments",
    or(
      and(isNull(attachments.messageId), isNotNull(attachments.attachedAt)),
      and(isNull(attachments.uploaderId), isNull(attachments.attachedAt)),
    ),
  );
}

export function storedKeys(rows: Attachment[]): string[] {
  return rows.flatMap((row) =>
    row.thumbnailKey ? [row.storageKey, row.thumbnailKey] : [row.storageKey],
  );
}

/**
 * The sweep: uploads never attached within a day, leftovers of deleted messages, and
 * scratch files of uploads cut off by a dying server. Safe on every server at once.
 */
export async function sweepUploads(now = Date.now()) {
  const unattached = await deleteWhere(
    "attachments",
    and(isNull(attachments.attachedAt), lt(attachments.createdAt, now - UNATTACHED_LIFETIME_MS)),
  );
  const detached = await deleteDetached();
  const scratch = await fileStore().removeStaleScratch(now - SCRATCH_LIFETIME_MS);
  return { unattached: unattached.length, detached: detached.length, scratch };
}

let timer: ReturnType<typeof setInterval> | undefined;

/** Sweeps once an hour on this server (the first run an hour after start). */
export function scheduleUploadSweep() {
  if (timer) return;
  timer = setInterval(() => {
    sweepUploads().catch((error) => console.error("[files] sweep failed", error));
  }, SCRATCH_LIFETIME_MS);
  timer.unref();
}
