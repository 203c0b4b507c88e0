import { processSingleton } from "@/db/singleton";

type Env = Record<string, string | undefined>;

/** What a request carries that the origin rule reads. */
export interface RequestLike {
  /** The URL Next built: its scheme comes from the connection or X-Forwarded-Proto. */
  url: string;
  headers: Headers;
}

/** A write refused because its Origin is not the app's. */
export interface Refusal {
  /** The Origin header as sent (untrusted). */
  sent: string;
  /** The origin a write had to come from: APP_ORIGIN, or the address the request was sent to. */
  expected: string;
  /** Whether `expected` is APP_ORIGIN. */
  configured: boolean;
}

/** Every refusal message starts so: the pages' error boundaries recognise it by this. */
export const REFUSED_WRITE = "Cairo Chat refused this change";

/** APP_ORIGIN reduced to its origin, or null when it is unset (or empty). */
export function configuredOrigin(env: Env = process.env): string | null {
  const configured = env.APP_ORIGIN?.trim();
  return configured ? new URL(configured).origin : null;
}

/**
 * The app's origin when no request is at hand: APP_ORIGIN when set, otherwise what
 * `next start` (or `next dev`) serves, e.g. http://localhost:3000.
 */
export function appOrigin(env: Env = process.env): string {
  const configured = configuredOrigin(env);
  if (configured) return configured;
  // Set by `next start` and `next dev` once they listen: http://<host>:<port>.
  const served = env.__NEXT_PRIVATE_ORIGIN;
  if (served) return new URL(served).origin;
  return `http://localhost:${env.PORT ?? 3000}`;
}

/**
 * The origin a request was sent to: the scheme of the URL Next built and the host in
 * X-Forwarded-Host (its first value) or Host, the pair Next's own server-action check
 * compares Origin with. Null without a usable host.
 */
export function requestOrigin(request: RequestLike): string | null {
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwarded || request.headers.get("host");
  if (!host) return null;
  try {
    const url = new URL(`${new URL(request.url).protocol}//${host}`);
    // A Host with a path, credentials or anything else a URL would drop names no host.
    return url.host === host.toLowerCase() ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * The origin to build this request's absolute addresses from: APP_ORIGIN when set (never
 * Host, which the client writes), otherwise the address the request was sent to.
 */
export function siteOrigin(request: RequestLike, env: Env = process.env): string {
  return configuredOrigin(env) ?? requestOrigin(request) ?? appOrigin(env);
}

/**
 * The CSRF check for server actions and the JSON API alike. Browsers send Origin on every
 * cross-site POST; a write whose Origin is not the app's (scheme and port included), or
 * "null" (a sandbox), is refused. With APP_ORIGIN set, the app's origin is that; unset, it
 * is the address the request was sent to, so the app works at any address it serves
 * (localhost, 127.0.0.1, the network address): a page on another site cannot make a
 * browser send its Host, nor add X-Forwarded-Host without a CORS preflight we never allow.
 */
export function crossSiteRefusal(request: RequestLike, env: Env = process.env): Refusal | null {
  const sent = request.headers.get("origin");
  if (sent === null) return null;
  const configured = configuredOrigin(env);
  const expected = configured ?? requestOrigin(request);
  if (expected !== null && sent !== "null" && sameOrigin(sent, expected)) return null;
  return { sent, expected: expected ?? appOrigin(env), configured: configured !== null };
}

export function isCrossSite(request: RequestLike, env: Env = process.env): boolean {
  return crossSiteRefusal(request, env) !== null;
}

function sameOrigin(sent: string, expected: string): boolean {
  try {
    return new URL(sent).origin === expected;
  } catch {
    return false;
  }
}

/** What the person whose write was refused reads: what happened and what to set. */
export function refusalMessage(refusal: Refusal): string {
  const from = refusal.sent === "null" ? "a sandboxed page" : `a page at ${quoted(refusal.sent)}`;
  if (refusal.configured) {
    return (
      `${REFUSED_WRITE}: it came from ${from}, and this server accepts changes only from ` +
      `its APP_ORIGIN. APP_ORIGIN is ${refusal.expected}: open Cairo Chat at that address, or ` +
      "have its administrator set APP_ORIGIN to the address people use and restart it."
    );
  }
  return (
    `${REFUSED_WRITE}: it came from ${from}, but was sent to ${refusal.expected}. If a proxy ` +
    "in front of Cairo Chat changes the address, have its administrator set APP_ORIGIN to the " +
    "address people use and restart it."
  );
}

const LOGGED_ORIGINS_LIMIT = 1000;

/**
 * A logger that writes each distinct refused Origin once: a misconfigured APP_ORIGIN shows
 * in the server log at the first refusal, and a flood of forged requests adds nothing.
 */
export function refusalLogger(write: (line: string) => void = console.warn) {
  const seen = new Set<string>();
  return (refusal: Refusal) => {
    if (seen.has(refusal.sent) || seen.size >= LOGGED_ORIGINS_LIMIT) return;
    seen.add(refusal.sent);
    const variable = refusal.configured
      ? `APP_ORIGIN is ${refusal.expected}`
      : `APP_ORIGIN is unset, so the request's own address was expected: ${refusal.expected}`;
    write(
      `[origin] Refused a write from Origin ${quoted(refusal.sent)} (${variable}). If people ` +
        "open Cairo Chat at that address, set APP_ORIGIN to it. Each origin is logged once.",
    );
  };
}

/** The server's own logger of refusals: one for the process, shared by the proxy and the routes. */
export const logRefusal = (refusal: Refusal) =>
  processSingleton("refusal-logger", () => refusalLogger())(refusal);

/** An untrusted value, quoted and cut short, so that it cannot forge a log line. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
}
