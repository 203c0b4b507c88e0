import "server-only";
import { sql } from "drizzle-orm";
import { rows } from "@/db/query";
import { NotFoundError } from "@/lib/platform/result";
import { type DiffPart, wordDiff } from "./word-diff";

export interface MessageVersion {
  content: string;
  editorName: string;
  /** When this version was written: the message's creation for the original. */
  writtenAt: number;
  original: boolean;
  current: boolean;
  /** What changed from the version before it (none for the original). */
  changes: DiffPart[] | null;
}

interface HistoryRow {
  content: string;
  created_at: number;
  sender_name: string;
  old_content: string | null;
  edited_at: number | null;
  editor_name: string | null;
}

/**
 * Every version of a message, newest first, in ONE statement. Only the two participants may
 * see it: for anyone else, and for a message that does not exist, it throws the same
 * NotFoundError, so the answer never reveals whether the message exists.
 */
export async function loadEditHistory(
  viewerId: number,
  messageId: number,
): Promise<MessageVersion[]> {
  const found = await rows<HistoryRow>(sql`
    select m.content, m.created_at, s.name as sender_name,
           h.old_content, h.edited_at, e.name as editor_name
    from messages m
    join users s on s.id = m.sender_id
    left join message_history h on h.message_id = m.id
    left join users e on e.id = h.edited_by
    where m.id = ${messageId}
      and m.deleted_at is null
      and (m.sender_id = ${viewerId} or m.receiver_id = ${viewerId})
    order by h.edited_at, h.id
  `);
  const first = found[0];
  if (!first) throw new NotFoundError("No such message");

  // History row i holds the text that edit i replaced; edit i wrote the next version.
  const edits = found.filter((row) => row.old_content !== null);
  const texts = [...edits.map((edit) => edit.old_content as string), first.content];
  const versions = texts.map((content, index): MessageVersion => {
    const madeBy = edits[index - 1];
    return {
      content,
      editorName: madeBy?.editor_name ?? first.sender_name,
      writtenAt: madeBy?.edited_at ?? first.created_at,
      original: index === 0,
      current: index === texts.length - 1,
      changes: index === 0 ? null : wordDiff(texts[index - 1] as string, content),
    };
  });
  return versions.reverse();
}
