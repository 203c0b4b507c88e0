import { recordPresence } from "@/lib/live/presence";
import { readJson, resultResponse, withUser } from "@/lib/platform/http/api";

/**
 * POST { active, watch }: a tab of the signed-in user was used (at most once every 2 minutes), and
 * the colleagues it shows; answers their presence. Never a database write.
 */
export const POST = withUser(async (user, request) => {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  return resultResponse(await recordPresence(user.id, body.body));
});
