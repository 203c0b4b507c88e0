import "server-only";
import { sql } from "drizzle-orm";
import { firstRow } from "@/db/query";
import { canReadMessage } from "@/lib/rooms/access";

export interface DownloadableFile {
  id: number;
  name: string;
  mimeType: string;
  size: number;
  storageKey: string;
  thumbnailKey: string | null;
}

/**
 * The attachment if the viewer may see it, in ONE statement: attached to a message they
 * can read (not deleted), or their own upload not yet sent. Anything else, whether missing
 * or someone else's, is the same undefined (a 404).
 */
export function downloadableFile(
  viewerId: number,
  attachmentId: number,
): Promise<DownloadableFile | undefined> {
  return firstRow<DownloadableFile>(sql`
    select a.id, a.name, a.mime_type as "mimeType", a.size, a.storage_key as "storageKey",
      a.thumbnail_key as "thumbnailKey"
    from attachments a
    left join messages m on m.id = a.message_id
    where a.id = ${attachmentId} and (
      (a.attached_at is null and a.uploader_id = ${viewerId})
      or (m.id is not null and m.deleted_at is null and ${canReadMessage("m", viewerId)}))`);
}
