import { loadEditHistory } from "@/lib/messaging/edit-history";
import { jsonError, withUser } from "@/lib/platform/http/api";
import { idSchema } from "@/lib/platform/validation";

/** A message's versions, newest first; 404 alike for missing and not-yours. */
export const GET = withUser(
  async (user, _request, { params }: { params: Promise<{ messageId: string }> }) => {
    const messageId = idSchema.safeParse((await params).messageId);
    if (!messageId.success) return jsonError(404, "Not found.");
    return Response.json({ versions: await loadEditHistory(user.id, messageId.data) });
  },
);
