import "server-only";
import { sql } from "drizzle-orm";
import { inIds, rows } from "@/db/query";
import { type Attachment, attachments } from "@/db/schema";

/** An attachment as a message shows it (the bytes come from /api/files/<id>). */
export interface AttachmentView {
  id: number;
  name: string;
  mimeType: string;
  size: number;
  width: number | null;
  height: number | null;
  thumbnail: boolean;
}

export function toAttachmentView(row: Attachment): AttachmentView {
  return {
    id: row.id,
    name: row.name,
    mimeType: row.mimeType,
    size: Number(row.size),
    width: row.width,
    height: row.height,
    thumbnail: row.thumbnailKey !== null,
  };
}

interface AttachmentRow {
  id: number;
  message_id: number;
  name: string;
  mime_type: string;
  size: number;
  width: number | null;
  height: number | null;
  thumbnail_key: string | null;
}

/** The attachments of a list of messages, in ONE statement, in upload order. */
export async function attachmentsOf(messageIds: number[]): Promise<Map<number, AttachmentView[]>> {
  const byMessage = new Map<number, AttachmentView[]>();
  if (messageIds.length === 0) return byMessage;
  const found = await rows<AttachmentRow>(sql`
    select id, message_id, name, mime_type, size, width, height, thumbnail_key
    from attachments where ${inIds(attachments.messageId, messageIds)}
    order by id`);
  for (const row of found) {
    const list = byMessage.get(row.message_id) ?? [];
    list.push({
      id: row.id,
      name: row.name,
      mimeType: row.mime_type,
      size: Number(row.size),
      width: row.width,
      height: row.height,
      thumbnail: row.thumbnail_key !== null,
    });
    byMessage.set(row.message_id, list);
  }
  return byMessage;
}

/** Messages with their attachments: one statement for the whole list, none when empty. */
export async function withAttachments<M extends { id: number }>(
  messages: M[],
): Promise<(M & { attachments?: AttachmentView[] })[]> {
  const byMessage = await attachmentsOf(messages.map((message) => message.id));
  return messages.map((message) => {
    const found = byMessage.get(message.id);
    return found ? { ...message, attachments: found } : message;
  });
}
