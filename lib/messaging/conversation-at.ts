import "server-only";
import { sql } from "drizzle-orm";
import { firstRow } from "@/db/query";
import { conversationFor } from "./cached-views";
import { type Conversation, conversationPage, findColleague, PAGE_SIZE } from "./conversations";

/** How far back `?at=` reaches: the first page grows to hold the message, up to this. */
export const MAX_AT_PAGE = 1_000;

/**
 * The first page of the conversation, reaching back to message `at` (a search result
 * older than the newest 50), so its #message-<id> anchor exists. A message that is not a
 * top-level message of this conversation is ignored: the usual page, nothing revealed.
 */
export async function conversationAt(
  viewerId: number,
  otherId: number,
  at: number,
): Promise<Conversation> {
  const pair = (alias: string) => {
    const t = sql.raw(alias);
    return sql`((${t}.sender_id = ${viewerId} and ${t}.receiver_id = ${otherId})
      or (${t}.sender_id = ${otherId} and ${t}.receiver_id = ${viewerId}))
      and ${t}.parent_message_id is null`;
  };
  // The top-level messages from `at` to the newest: 0 when `at` is not one of them.
  const row = await firstRow<{ n: number }>(sql`
    select count(*) as n
    from (select created_at, id from messages t where t.id = ${at} and ${pair("t")}) target
    join messages m on ${pair("m")} and (m.created_at, m.id) >= (target.created_at, target.id)`);
  const newer = Number(row?.n ?? 0);
  if (newer <= PAGE_SIZE) return conversationFor(viewerId, otherId);
  const other = await findColleague(otherId);
  const [low, high] = viewerId < otherId ? [viewerId, otherId] : [otherId, viewerId];
  return { other, ...(await conversationPage(low, high, { limit: Math.min(newer, MAX_AT_PAGE) })) };
}
