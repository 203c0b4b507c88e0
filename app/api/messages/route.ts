import { sendOrReply } from "@/lib/messaging/threads";
import { readJson, resultResponse, withUser } from "@/lib/platform/http/api";

/** POST { receiverId, content } sends a message; { parentMessageId, content } replies. */
export const POST = withUser(async (user, request) => {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  return resultResponse(await sendOrReply(user.id, body.body), 201);
});
