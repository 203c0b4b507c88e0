import { conversationFor } from "@/lib/messaging/cached-views";
import { jsonError, withUser } from "@/lib/platform/http/api";
import { idSchema } from "@/lib/platform/validation";

/** GET ?before=<messageId>: one page of the conversation with that colleague. */
export const GET = withUser(
  async (user, request, { params }: { params: Promise<{ userId: string }> }) => {
    const otherId = idSchema.safeParse((await params).userId);
    if (!otherId.success) return jsonError(404, "Not found.");
    const beforeParam = new URL(request.url).searchParams.get("before");
    const before = beforeParam === null ? undefined : idSchema.safeParse(beforeParam);
    if (before && !before.success) return jsonError(400, "`before` must be a message id.");
    return Response.json(await conversationFor(user.id, otherId.data, before?.data));
  },
);
