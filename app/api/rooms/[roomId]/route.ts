import { jsonError, withUser } from "@/lib/platform/http/api";
import { idSchema } from "@/lib/platform/validation";
import { roomFor } from "@/lib/rooms/room-messages";

/** GET ?before=<messageId>: one page of a room the user may read (404 for anyone else). */
export const GET = withUser(
  async (user, request, { params }: { params: Promise<{ roomId: string }> }) => {
    const roomId = idSchema.safeParse((await params).roomId);
    if (!roomId.success) return jsonError(404, "Not found.");
    const beforeParam = new URL(request.url).searchParams.get("before");
    const before = beforeParam === null ? undefined : idSchema.safeParse(beforeParam);
    if (before && !before.success) return jsonError(400, "`before` must be a message id.");
    const { room, membership, messages, hasOlder } = await roomFor(
      user.id,
      roomId.data,
      before?.data,
    );
    return Response.json({
      room: { id: room.id, name: room.name, topic: room.topic, kind: room.kind },
      archived: room.archivedAt !== null,
      member: membership !== null,
      messages,
      hasOlder,
    });
  },
);
