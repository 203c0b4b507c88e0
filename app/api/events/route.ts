import { jsonError } from "@/lib/api";
import { liveBus } from "@/lib/live/bus";
import { liveEventStream } from "@/lib/live/stream";
import { currentUser } from "@/lib/session";

export const dynamic = "force-dynamic";

/** GET: the signed-in user's live events as server-sent events (Last-Event-ID resumes). */
export async function GET(request: Request) {
  const user = await currentUser();
  if (!user) return jsonError(401, "Sign in first.");
  // Several servers without Redis: no stream could hear the others; the client polls.
  if (!liveBus().available()) return jsonError(503, "Live updates are paused; retrying soon.");
  const lastEventId =
    request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  return new Response(
    liveEventStream({ userId: user.id, sessionId: user.sessionId }, lastEventId, request.signal),
    {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        // no-transform also keeps compression from buffering the stream.
        "Cache-Control": "no-cache, no-transform",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      },
    },
  );
}
