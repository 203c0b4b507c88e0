import { jsonError, resultResponse, withUser } from "@/lib/platform/http/api";
import { firstValues, searchParamsSchema } from "@/lib/search/query";
import { searchMessages } from "@/lib/search/search";

/**
 * GET ?q=&before=&sort=newest|relevance: one page (20) of the signed-in user's messages
 * matching q, with highlighted snippets; `nextBefore` fetches the next page.
 */
export const GET = withUser(async (user, request) => {
  const params = searchParamsSchema.safeParse(firstValues(new URL(request.url).searchParams));
  if (!params.success) {
    return jsonError(400, params.error.issues[0]?.message ?? "That search is not valid.");
  }
  return resultResponse(await searchMessages(user.id, params.data));
});
