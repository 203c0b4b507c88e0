import { sendTyping } from "@/lib/live/typing";
import { readJson, resultResponse, withUser } from "@/lib/platform/http/api";

/**
 * POST { roomId } or { receiverId }: the signed-in user is typing there. Carried by the live
 * bus to the conversation's other members only, never stored; 404 for a conversation the
 * user is not a member of, 429 within 2 s of the last one (TYPING_GATE_MS).
 */
export const POST = withUser(async (user, request) => {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  return resultResponse(await sendTyping(user, body.body), 202);
});
