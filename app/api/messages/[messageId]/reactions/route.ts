import { readJson, resultResponse, withUser } from "@/lib/platform/http/api";
import { toggleReaction } from "@/lib/reactions/reactions";

/**
 * POST { emoji } toggles the user's reaction on the message: { messageId, emoji, reacted }.
 * A route rather than a server action, as for marking read: an action that expires cache
 * tags answers with the whole page rendered again, and the live event updates every view.
 */
export const POST = withUser(
  async (user, request, { params }: { params: Promise<{ messageId: string }> }) => {
    const body = await readJson(request);
    if (!body.ok) return body.response;
    const emoji = typeof body.body === "object" && body.body !== null ? body.body : {};
    const input = { ...emoji, messageId: (await params).messageId };
    return resultResponse(await toggleReaction(user.id, input));
  },
);
