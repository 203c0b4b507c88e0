import { jsonError, withUser } from "@/lib/api";
import { cachedConversationPage, conversationKey } from "@/lib/cached-views";
import { findColleague } from "@/lib/conversations";
import { isConversationCursor } from "@/lib/cursors";
import { idSchema } from "@/lib/validation";

/** GET ?before=<messageId>: one page of the conversation with that colleague. */
export const GET = withUser(
  async (user, request, { params }: { params: Promise<{ userId: string }> }) => {
    const otherId = idSchema.safeParse((await params).userId);
    if (!otherId.success) return jsonError(404, "Not found.");
    const beforeParam = new URL(request.url).searchParams.get("before");
    const before = beforeParam === null ? undefined : idSchema.safeParse(beforeParam);
    if (before && !before.success) return jsonError(400, "`before` must be a message id.");
    const other = findColleague(otherId.data);
    if (before && !(await isConversationCursor(user.id, other.id, before.data))) {
      return jsonError(400, "`before` must be a message of this conversation.");
    }
    const page = await cachedConversationPage(...conversationKey(user.id, other.id), before?.data);
    return Response.json({ other, ...page });
  },
);
