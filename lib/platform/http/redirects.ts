/**
 * Where to go after signing in: only a path on this site, never another origin (an open
 * redirect would help phishing). Absolute URLs keep just their path.
 */
export function safeRedirectPath(value: unknown, fallback = "/messages"): string {
  if (typeof value !== "string" || value === "") return fallback;
  let url: URL;
  try {
    url = new URL(value, "http://cairo.invalid");
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  if (url.pathname === "/login" || url.pathname === "/register") return fallback;
  return path;
}
