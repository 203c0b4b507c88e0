import "server-only";
import { NextResponse } from "next/server";
import { requestOrigin } from "@/lib/platform/http/origin";
import { currentUser } from "./current-user";
import { SSO_PROVIDER_ID } from "./sso-config";
import { SSO_ERRORS } from "./sso-provider";

/** The error codes the sign-in page explains; anything else reads as the generic one. */
const KNOWN_ERRORS = new Set([
  "Configuration",
  "AccessDenied",
  "Verification",
  "CredentialsSignin",
]);

/**
 * The Auth.js GET routes the app answers itself, or null for Auth.js to answer:
 *
 * - `session`: Auth.js's would re-encrypt the cookie with a fresh 30-day expiry on every
 *   call (reviving a session that should age) and hand page scripts the server's session
 *   id. Here: who is signed in, read as every page reads it (the server session must be
 *   live), no cookie, no id.
 * - `error`: Auth.js answers `?error=Configuration` with a 500 page; here it is a redirect
 *   to the sign-in page, which says what went wrong.
 */
export async function authJsRoute(request: Request): Promise<Response | null> {
  const action = new URL(request.url).pathname.split("/").filter(Boolean).at(-1);
  if (action === "session") {
    const user = await currentUser();
    const body = user
      ? { user: { id: String(user.id), name: user.name, email: user.email } }
      : null;
    return NextResponse.json(body, { headers: { "cache-control": "private, no-store" } });
  }
  if (action === "error") {
    const error = new URL(request.url).searchParams.get("error") ?? "";
    const code = KNOWN_ERRORS.has(error) ? error : "Default";
    // Relative: the browser resolves it against the address it is at, whatever Host says.
    return new Response(null, {
      status: 303,
      headers: { location: `/login?error=${code}`, "cache-control": "no-store" },
    });
  }
  return null;
}

/**
 * A single sign-on callback that failed (a forged or missing state, a replayed code, a wrong
 * nonce, a provider gone quiet) says so on the sign-in page rather than Auth.js's generic
 * "Configuration" or its own error codes; a refusal of ours (auth.ts's signIn callback) keeps
 * its code. Either way the browser goes to /login, relative: never an error page.
 */
export function ssoCallbackFailure(response: Response, request: Request): Response {
  const { pathname } = new URL(request.url);
  const location = response.headers.get("location");
  if (!location || !pathname.endsWith(`/callback/${SSO_PROVIDER_ID}`)) return response;
  const error = new URL(location, "http://cairo.invalid").searchParams.get("error");
  if (error === null) return response;
  const code = Object.hasOwn(SSO_ERRORS, error) ? error : "SsoFailed";
  const headers = new Headers(response.headers);
  headers.set("location", `/login?error=${code}`);
  headers.set("cache-control", "no-store");
  return new Response(null, { status: 303, headers });
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Auth.js's redirects at the app's origin: the configured one (AUTH_URL, set from APP_ORIGIN
 * in auth.ts), or else the address the request was sent to. Auth.js rebuilds the request as
 * a NextRequest, whose URL Next normalises: a loopback address (127.0.0.1, [::1]) becomes
 * "localhost", another origin to the browser, with no cookies there. Such a Location is put
 * back at the app's origin.
 */
export function atConfiguredOrigin(response: Response, request: Request): Response {
  const location = response.headers.get("location");
  const configured = process.env.AUTH_URL ?? requestOrigin(request);
  if (!location || !configured) return response;
  let url: URL;
  let app: URL;
  try {
    url = new URL(location);
    app = new URL(configured);
  } catch {
    return response;
  }
  const normalised =
    url.hostname === "localhost" &&
    LOOPBACK.test(app.hostname) &&
    url.port === app.port &&
    url.protocol === app.protocol;
  if (!normalised) return response;
  const headers = new Headers(response.headers);
  headers.set("location", `${app.origin}${url.pathname}${url.search}${url.hash}`);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
