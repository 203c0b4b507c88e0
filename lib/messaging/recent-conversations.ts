import "server-only";
import { sql } from "drizzle-orm";
import { cache } from "react";
import { rows } from "@/db/query";
import { messages, users } from "@/db/schema";
import { RECENT_LIMIT } from "@/lib/live/apply-recent";
import { unreadBy } from "@/lib/unread/inbox";

export interface RecentConversation {
  /** The other participant (the user themself for notes to self). */
  id: number;
  name: string;
  lastActivityAt: number;
  unread: number;
}

/**
 * The user's conversations, newest activity first (replies count as activity), each with
 * the other participant's name and the number of messages from them the user has not read:
 * ONE statement, whatever the number of conversations or messages.
 */
export async function recentConversations(
  userId: number,
  limit = RECENT_LIMIT,
): Promise<RecentConversation[]> {
  const found = await rows<{ id: number; name: string; last_at: number; unread: number }>(sql`
    select c.other_id as id, ${users.name} as name, c.last_at, c.unread
    from (
      select case when ${messages.senderId} = ${userId}
                  then ${messages.receiverId} else ${messages.senderId} end as other_id,
             max(${messages.createdAt}) as last_at,
             sum(case when ${unreadBy(userId)} then 1 else 0 end) as unread
      from ${messages}
      where (${messages.senderId} = ${userId} or ${messages.receiverId} = ${userId})
        and ${messages.deletedAt} is null
      group by other_id
    ) as c
    join ${users} on ${users.id} = c.other_id
    order by c.last_at desc, c.other_id desc
    limit ${limit}
  `);
  return found.map((row) => ({
    id: Number(row.id),
    name: row.name,
    lastActivityAt: Number(row.last_at),
    unread: Number(row.unread),
  }));
}

/**
 * The same, read once per request: the layout's sidebar and the /messages page both show
 * them, and would otherwise run the statement twice for one page.
 */
export const recentConversationsOncePerRequest = cache((userId: number) =>
  recentConversations(userId),
);
