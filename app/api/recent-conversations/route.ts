import { withUser } from "@/lib/api";
import { recentConversations } from "@/lib/recent-conversations";

/** GET: the sidebar's recent conversations, newest activity first, with unread counts. */
export const GET = withUser(async (user) =>
  Response.json({ conversations: await recentConversations(user.id) }),
);
