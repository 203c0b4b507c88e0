import { withUser } from "@/lib/platform/http/api";
import { unreadCounts } from "@/lib/unread/notifications";

/** GET: the unread counts the navigation shows. */
export const GET = withUser(async (user) => Response.json(await unreadCounts(user.id)));
