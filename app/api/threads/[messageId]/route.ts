import { jsonError, withUser } from "@/lib/api";
import { cachedThread } from "@/lib/cached-views";
import { findThreadRoot } from "@/lib/threads";
import { idSchema } from "@/lib/validation";

/** GET: the whole thread the message belongs to, for its two participants only. */
export const GET = withUser(
  async (user, _request, { params }: { params: Promise<{ messageId: string }> }) => {
    const messageId = idSchema.safeParse((await params).messageId);
    if (!messageId.success) return jsonError(404, "Not found.");
    const rootId = findThreadRoot(user.id, messageId.data);
    return Response.json({ rootId, messages: await cachedThread(rootId) });
  },
);
