import { recentConversations } from "@/lib/messaging/recent-conversations";
import { withUser } from "@/lib/platform/http/api";

/** GET: the sidebar's recent conversations, newest activity first, with unread counts. */
export const GET = withUser(async (user) =>
  Response.json({ conversations: await recentConversations(user.id) }),
);
