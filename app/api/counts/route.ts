import { withUser } from "@/lib/api";
import { unreadCounts } from "@/lib/notifications";

/** GET: the unread counts the navigation shows. */
export const GET = withUser(async (user) => Response.json(await unreadCounts(user.id)));
