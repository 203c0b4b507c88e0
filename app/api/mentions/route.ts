import { mentionSuggestions } from "@/lib/mentions/suggestions";
import { jsonError, withUser } from "@/lib/platform/http/api";

/**
 * GET ?roomId= | ?userId= | ?messageId=, and q: the colleagues a composer there may mention
 * ("Mention suggestions"). 404 where the user may not read (a private room of others).
 */
export const GET = withUser(async (user, request) => {
  const params = new URL(request.url).searchParams;
  const result = await mentionSuggestions(user.id, Object.fromEntries(params));
  if (!result.ok) return jsonError(result.code === "not_found" ? 404 : 400, result.error);
  return Response.json({ suggestions: result.data });
});
