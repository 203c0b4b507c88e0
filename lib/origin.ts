/**
 * True when a request comes from another site: browsers send Origin on every cross-site
 * POST, so one naming another host (or "null", from a sandbox) is refused. This is the
 * CSRF check for server actions and the JSON API alike.
 */
export function isCrossSite(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return origin === "null" || new URL(origin).host !== host;
  } catch {
    return true;
  }
}
