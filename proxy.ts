import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { authSecret } from "./lib/accounts/auth-secret";
import { readSessionToken } from "./lib/accounts/session-cookie";
import { isReadableActionBody } from "./lib/platform/http/action-body";
import {
  crossSiteRefusal,
  logRefusal,
  refusalMessage,
  siteOrigin,
} from "./lib/platform/http/origin";
import {
  API_CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  createNonce,
  withSecurityHeaders,
} from "./lib/platform/http/security-headers";

const PUBLIC_PATHS = ["/login", "/register"];
// Next's own limit for server-action bodies (serverActions.bodySizeLimit, 1 MB by default).
const MAX_ACTION_BODY_BYTES = 1024 * 1024;

const refuse = (status: number, error: string) =>
  withSecurityHeaders(NextResponse.json({ error }, { status }), API_CONTENT_SECURITY_POLICY);
// As plain text, React's client throws a server action's refusal with this very message
// (the pages' error boundaries show it), and a browser posting a form shows it as is.
const refuseAsText = (status: number, error: string) =>
  withSecurityHeaders(
    new NextResponse(error, { status, headers: { "content-type": "text/plain" } }),
    API_CONTENT_SECURITY_POLICY,
  );

/**
 * Every request but static files passes here first: malformed addresses, cross-site posts
 * and oversized bodies are refused plainly (Next would answer 500), every answer gets the
 * security headers and every page a Content-Security-Policy with a fresh nonce. Then the
 * optimistic check: anonymous visitors go to /login; pages, actions and route handlers check
 * the session again. It only reads the session cookie: re-issuing it here (as NextAuth's own
 * proxy wrapper does) races with sign-out and can revive the session.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!isWellEncoded(pathname)) return refuse(400, "That address is not valid.");
  const crossSite =
    request.method !== "GET" && request.method !== "HEAD" ? crossSiteRefusal(request) : null;
  if (crossSite) {
    // A write posted from another origin: refuse it plainly (Next would answer 500), saying
    // why, and log it once per origin: a wrong APP_ORIGIN shows in the server's log.
    logRefusal(crossSite);
    const message = refusalMessage(crossSite);
    return pathname.startsWith("/api/") ? refuse(403, message) : refuseAsText(403, message);
  }
  if (await bodyTooLarge(request)) return refuse(413, "That request is too large.");
  if (isActionPost(request) && !(await isReadableActionBody(request))) {
    return refuse(400, "That request is not valid: reload the page and try again.");
  }
  if (pathname.startsWith("/api/")) {
    return withSecurityHeaders(NextResponse.next(), API_CONTENT_SECURITY_POLICY);
  }
  if (!PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`))) {
    if (!(await hasSessionCookie(request))) {
      const login = new URL("/login", siteOrigin(request));
      login.searchParams.set("callbackUrl", `${pathname}${search}`);
      return withSecurityHeaders(NextResponse.redirect(login), API_CONTENT_SECURITY_POLICY);
    }
  }
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers } }), csp);
}

/**
 * Whether the request carries a session cookie Auth.js would accept: read as the pages read
 * it (lib/accounts/session-cookie.ts, decrypted once per server rather than on every request), or by
 * Auth.js itself when the token was split over several cookies.
 */
async function hasSessionCookie(request: NextRequest): Promise<boolean> {
  const cookie = (name: string) => request.cookies.get(name)?.value;
  const token = await readSessionToken(cookie, authSecret());
  if (token !== "chunked") return token !== null;
  const secureCookie = siteOrigin(request).startsWith("https:");
  return (await getToken({ req: request, secret: authSecret(), secureCookie })) !== null;
}

/** A server action called by React's client: a POST naming the action in a header. */
function isActionPost(request: NextRequest): boolean {
  return request.method === "POST" && request.headers.has("next-action");
}

/** A path whose percent-escapes do not decode (`%ff`, `%E0%A4%A`) names nothing here. */
function isWellEncoded(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * Bodies over the server-action limit. A declared length is checked as is; a chunked body
 * (no length) to a page, where Next would read it into a server action and fail with a
 * 500, is counted up to the limit. Next buffers the body for the proxy, so the page still
 * gets all of it. The JSON API reads its own bodies within a smaller limit (lib/platform/http/api.ts).
 */
async function bodyTooLarge(request: NextRequest): Promise<boolean> {
  const declared = request.headers.get("content-length");
  if (declared !== null) return Number(declared) > MAX_ACTION_BODY_BYTES;
  if (!request.body || request.nextUrl.pathname.startsWith("/api/")) return false;
  const reader = request.body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      size += value.byteLength;
      if (size > MAX_ACTION_BODY_BYTES) return true;
    }
  } finally {
    reader.releaseLock();
  }
}

export const config = {
  // The JSON API's routes (withUser in lib/platform/http/api.ts) check what this would for
  // them, at a fraction of the cost of a proxy pass on every request; Auth.js's routes, the
  // event stream, the debug route and any API path with a percent-escape (which Next would
  // fail to decode with a 500) still pass here. Uploads stream to disk
  // (lib/files/upload.ts): a proxy would buffer their bodies in memory.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/(?!auth/|events|debug/)[^%]*$).*)"],
};
