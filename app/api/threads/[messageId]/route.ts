import { threadFor } from "@/lib/messaging/cached-views";
import { jsonError, withUser } from "@/lib/platform/http/api";
import { idSchema } from "@/lib/platform/validation";

/** GET: the whole thread the message belongs to, for its two participants only. */
export const GET = withUser(
  async (user, _request, { params }: { params: Promise<{ messageId: string }> }) => {
    const messageId = idSchema.safeParse((await params).messageId);
    if (!messageId.success) return jsonError(404, "Not found.");
    return Response.json(await threadFor(user.id, messageId.data));
  },
);
