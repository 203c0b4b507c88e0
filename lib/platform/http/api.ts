import { NextResponse } from "next/server";
import { isDatabaseUnavailable } from "@/db/availability";
import { countAsync } from "@/db/statement-counter";
import type { SessionUser } from "@/lib/accounts/accounts";
import { currentUser } from "@/lib/accounts/current-user";
import {
  type ErrorCode,
  InvalidInputError,
  NotFoundError,
  type Result,
} from "@/lib/platform/result";
import { crossSiteRefusal, logRefusal, refusalMessage } from "./origin";
import { API_CONTENT_SECURITY_POLICY, noStore, withSecurityHeaders } from "./security-headers";

/** JSON bodies larger than this are refused before parsing (10,000 characters fit easily). */
export const MAX_BODY_BYTES = 64 * 1024;

const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

export function jsonError(status: number, error: string, fieldErrors?: unknown) {
  return NextResponse.json({ error, ...(fieldErrors ? { fieldErrors } : {}) }, { status });
}

/** A Result as an HTTP response: 200/201 with the data, or the matching 4xx. */
export function resultResponse<T>(result: Result<T>, successStatus = 200) {
  if (result.ok) return NextResponse.json(result.data, { status: successStatus });
  return jsonError(STATUS[result.code], result.error, result.fieldErrors);
}

/**
 * Wraps a route handler: a cross-site write is refused, the session is checked (401 without
 * one), a loader's NotFoundError becomes a 404, and nothing ever reaches the client as a
 * stack trace. Every answer is `Cache-Control: private, no-store` (it is about the signed-in
 * user) and carries the security headers: these routes do not pass through the proxy.
 */
export function withUser<C>(
  handler: (user: SessionUser, request: Request, context: C) => Promise<Response> | Response,
) {
  return async (request: Request, context: C): Promise<Response> => {
    const response = await answer(handler, request, context);
    return withSecurityHeaders(noStore(response), API_CONTENT_SECURITY_POLICY);
  };
}

async function answer<C>(
  handler: (user: SessionUser, request: Request, context: C) => Promise<Response> | Response,
  request: Request,
  context: C,
): Promise<Response> {
  const crossSite = request.method !== "GET" ? crossSiteRefusal(request) : null;
  if (crossSite) {
    logRefusal(crossSite);
    return jsonError(403, refusalMessage(crossSite));
  }
  const { result: response, count } = await countAsync(async () => {
    try {
      const user = await currentUser();
      if (!user) return jsonError(401, "Sign in first.");
      return await handler(user, request, context);
    } catch (error) {
      if (error instanceof NotFoundError) return jsonError(404, "Not found.");
      if (error instanceof InvalidInputError) return jsonError(400, error.message);
      if (isDatabaseUnavailable(error)) return unavailable();
      console.error("[api] unexpected error", error);
      return jsonError(500, "Something went wrong on our side. Try again.");
    }
  });
  // For the HTTP tests: how many SQL statements this request ran (off in production).
  if (process.env.CAIRO_DEBUG_STATS === "1") {
    response.headers.set("X-SQL-Statements", String(count));
  }
  return response;
}

/** The database is restarting or out of reach: say so, and when to try again. */
export function unavailable() {
  const response = jsonError(503, "The database is restarting. Try again in a moment.");
  response.headers.set("Retry-After", "2");
  return response;
}

/**
 * Reads a JSON body within MAX_BODY_BYTES; malformed or oversized bodies are a 4xx. Only
 * `application/json` is accepted: a cross-site form cannot send it without a CORS preflight.
 */
export async function readJson(
  request: Request,
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  if (!request.headers.get("content-type")?.startsWith("application/json")) {
    return { ok: false, response: jsonError(415, "Send the body as application/json.") };
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) {
    return { ok: false, response: jsonError(413, "That request is too large.") };
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    return { ok: false, response: jsonError(413, "That request is too large.") };
  }
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false, response: jsonError(400, "The request body must be JSON.") };
  }
}

/** readJson for a body that may be left out: no body at all reads as `{}`. */
export async function readOptionalJson(
  request: Request,
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  if (!request.body || request.headers.get("content-length") === "0") return { ok: true, body: {} };
  return readJson(request);
}
