import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { authSecret } from "./lib/auth-secret";
import { isCrossSite } from "./lib/origin";

const PUBLIC_PATHS = ["/login", "/register"];
// Next's own limit for server-action bodies (serverActions.bodySizeLimit, 1 MB by default).
const MAX_ACTION_BODY_BYTES = 1024 * 1024;

/**
 * The optimistic check: anonymous visitors go to /login. Pages, actions and route
 * handlers check the session again. It only reads the session cookie: re-issuing it here
 * (as NextAuth's own proxy wrapper does) races with sign-out and can revive the session.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (request.method !== "GET" && request.method !== "HEAD" && isCrossSite(request.headers)) {
    // A server action posted from another site: refuse it plainly (Next would answer 500).
    return NextResponse.json({ error: "Cross-site requests are not allowed." }, { status: 403 });
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_ACTION_BODY_BYTES) {
    // Next answers an oversized server-action body with a 500; say what is wrong instead.
    return NextResponse.json({ error: "That request is too large." }, { status: 413 });
  }
  if (PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`))) {
    return NextResponse.next();
  }
  const token = await getToken({
    req: request,
    secret: authSecret(),
    secureCookie: request.nextUrl.protocol === "https:",
  });
  if (token) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico).*)"],
};
