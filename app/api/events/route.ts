import { isDatabaseUnavailable } from "@/db/availability";
import { currentUser } from "@/lib/accounts/current-user";
import { liveBus } from "@/lib/live/bus";
import { openEventStream } from "@/lib/live/open-stream";
import { jsonError, unavailable } from "@/lib/platform/http/api";
import { NO_STORE, noStore } from "@/lib/platform/http/security-headers";

export const dynamic = "force-dynamic";

/** GET: the signed-in user's live events as server-sent events (Last-Event-ID resumes). */
export async function GET(request: Request) {
  const user = await currentUser().catch((error) => {
    if (isDatabaseUnavailable(error)) return "unavailable" as const;
    throw error;
  });
  if (user === "unavailable") return unavailable();
  if (!user) return jsonError(401, "Sign in first.");
  // Several servers without Redis: no stream could hear the others; the client polls.
  if (!liveBus().available()) return jsonError(503, "Live updates are paused; retrying soon.");
  const lastEventId =
    request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  const owner = { userId: user.id, sessionId: user.sessionId };
  // The socket may have closed while the user was read: then no slot is taken.
  const opened = openEventStream(owner, lastEventId, request.signal);
  if (opened.status === "gone") return new Response(null, { status: 204 });
  if (opened.status === "full") {
    // The client falls back to polling when the stream cannot be opened.
    return noStore(jsonError(429, "Too many open live streams. Close a tab and try again."));
  }
  return new Response(opened.body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform also keeps compression from buffering the stream.
      "Cache-Control": `${NO_STORE}, no-transform`,
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
