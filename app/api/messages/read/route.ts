import { readJson, resultResponse, withUser } from "@/lib/platform/http/api";
import { markRead } from "@/lib/unread/mark-read";

/**
 * POST { messageIds } marks received messages read (MarkSeen, for what is on screen). A
 * route rather than a server action: an action that expires cache tags answers with the
 * whole page rendered again, and the live event already updates every view this changes.
 */
export const POST = withUser(async (user, request) => {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  return resultResponse(await markRead(user.id, body.body));
});
