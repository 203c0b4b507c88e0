import type { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { atConfiguredOrigin, authJsRoute, ssoCallbackFailure } from "@/lib/accounts/auth-routes";

/**
 * Auth.js's routes, but two answered here: the session (read from the server's own session,
 * without re-issuing the cookie or naming the server's session id) and the error page (a
 * plain redirect to the sign-in page, never a 500). Auth.js's redirects point at the
 * configured origin (lib/accounts/auth-routes.ts).
 */
export async function GET(request: NextRequest) {
  const own = await authJsRoute(request);
  if (own) return own;
  return ssoCallbackFailure(atConfiguredOrigin(await handlers.GET(request), request), request);
}

export async function POST(request: NextRequest) {
  return atConfiguredOrigin(await handlers.POST(request), request);
}
