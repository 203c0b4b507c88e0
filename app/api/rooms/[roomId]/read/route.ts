import { jsonError, withUser } from "@/lib/platform/http/api";
import { idSchema } from "@/lib/platform/validation";
import { markRoomRead } from "@/lib/rooms/room-messages";
import { unreadCounts } from "@/lib/unread/notifications";

/**
 * POST: the member has read the room up to its newest message (useMarkRoomRead); answers the
 * unread counts, so the badges need no request of their own. 404 for anyone who is not a
 * member. A route rather than a server action: an action is posted to the room's page and
 * costs the server a page render's machinery, at one mark per message arriving in an open
 * room.
 */
export const POST = withUser(
  async (user, _request, { params }: { params: Promise<{ roomId: string }> }) => {
    const roomId = idSchema.safeParse((await params).roomId);
    if (!roomId.success) return jsonError(404, "Not found.");
    await markRoomRead(user.id, roomId.data);
    return Response.json(await unreadCounts(user.id));
  },
);
