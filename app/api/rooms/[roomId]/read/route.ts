import { jsonError, readOptionalJson, resultResponse, withUser } from "@/lib/platform/http/api";
import { idSchema, parse } from "@/lib/platform/validation";
import { markRoomRead } from "@/lib/rooms/room-messages";
import { roomReadSchema } from "@/lib/rooms/schemas";
import { unreadCounts } from "@/lib/unread/notifications";

/**
 * POST: the member has read the room up to its newest message (useMarkRoomRead); with
 * `{ "watching": true | false }` the tab also starts or ends watching the room
 * (lib/rooms/watching.ts). Answers the unread counts, so the badges need no request of
 * their own. 404 for anyone who is not a member. A route rather than a server action: an
 * action is posted to the room's page and costs the server a page render's machinery.
 */
export const POST = withUser(
  async (user, request, { params }: { params: Promise<{ roomId: string }> }) => {
    const roomId = idSchema.safeParse((await params).roomId);
    if (!roomId.success) return jsonError(404, "Not found.");
    const body = await readOptionalJson(request);
    if (!body.ok) return body.response;
    const parsed = parse(roomReadSchema, body.body);
    if (!parsed.ok) return resultResponse(parsed);
    await markRoomRead(user.id, roomId.data, parsed.data.watching);
    return Response.json(await unreadCounts(user.id));
  },
);
