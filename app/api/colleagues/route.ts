import { colleagueQuerySchema, findColleagues } from "@/lib/accounts/colleagues";
import { jsonError, withUser } from "@/lib/platform/http/api";
import { parse } from "@/lib/platform/validation";

/** GET ?q=: a page of colleagues whose name or email contains q (the "Find a colleague" box). */
export const GET = withUser(async (_user, request) => {
  const q = new URL(request.url).searchParams.get("q");
  const parsed = parse(colleagueQuerySchema, { q: q ?? undefined });
  if (!parsed.ok) return jsonError(400, parsed.error, parsed.fieldErrors);
  return Response.json({ colleagues: await findColleagues(parsed.data.q) });
});
