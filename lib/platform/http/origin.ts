/**
 * The app's own origin (scheme, host and port): APP_ORIGIN when set, which every deployment
 * behind a proxy or on a real host name must do; otherwise what `next start` (or `next dev`)
 * serves, e.g. http://localhost:3000. Never derived from a request's Host or
 * X-Forwarded-Host, which the client writes.
 */
export function appOrigin(env: Record<string, string | undefined> = process.env): string {
  const configured = env.APP_ORIGIN?.trim();
  if (configured) return new URL(configured).origin;
  // Set by `next start` and `next dev` once they listen: http://<host>:<port>.
  const served = env.__NEXT_PRIVATE_ORIGIN;
  if (served) return new URL(served).origin;
  return `http://localhost:${env.PORT ?? 3000}`;
}

/**
 * True when a request comes from another origin: browsers send Origin on every cross-site
 * POST, so one that is not exactly the app's origin (scheme included), or "null" (a
 * sandbox), is refused. This is the CSRF check for server actions and the JSON API alike.
 */
export function isCrossSite(headers: Headers, origin = appOrigin()): boolean {
  const sent = headers.get("origin");
  if (sent === null) return false;
  try {
    return sent === "null" || new URL(sent).origin !== origin;
  } catch {
    return true;
  }
}
