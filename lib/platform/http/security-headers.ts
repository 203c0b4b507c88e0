/**
 * The headers every answer carries, and the Content-Security-Policy of the pages. The proxy
 * sets them (proxy.ts is the only place pages get a nonce); next.config.mjs repeats the
 * static ones for what the proxy does not see (static files).
 */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  // For browsers without CSP frame-ancestors.
  "X-Frame-Options": "DENY",
};

/** Authenticated JSON must never be stored by a browser or a shared cache. */
export const NO_STORE = "private, no-store";

/** A fresh nonce per page request: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * A strict policy: scripts only with this request's nonce (Next puts it on its own scripts
 * when it finds it in the request's CSP header; 'strict-dynamic' lets those load their
 * chunks), no plugins, no <base> elsewhere, no framing, forms and fetches to this origin.
 * `next dev` needs eval and inline styles for its overlay and hot reload.
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development") {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${ssoFormTarget()}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/** For answers that are not pages (JSON, redirects, refusals): nothing may run or frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export function withSecurityHeaders<R extends Response>(response: R, csp: string): R {
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) {
    response.headers.set(name, value);
  }
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

/** Marks an authenticated JSON answer as not to be stored. */
export function noStore<R extends Response>(response: R): R {
  response.headers.set("Cache-Control", NO_STORE);
  return response;
}

/**
 * Single sign-on's forms end at the identity provider: signing in redirects there, and so
 * does signing out. Browsers hold a form's redirects to form-action too.
 */
function ssoFormTarget(): string {
  const issuer = process.env.OIDC_ISSUER?.trim();
  if (!issuer) return "";
  try {
    return ` ${new URL(issuer).origin}`;
  } catch {
    return "";
  }
}
