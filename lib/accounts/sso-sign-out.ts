import "server-only";
import { ssoConfig } from "./sso-config";

/**
 * Signing out of Cairo Chat also ends the provider's session when the provider offers an
 * end-session endpoint (OpenID Connect RP-initiated logout): the browser goes there with the
 * session's ID token as the hint, and comes back to the sign-in page.
 */

const DISCOVERY_TIMEOUT_MS = 10_000;
const REMEMBER_MS = 60 * 60_000;

type Discovered = { issuer: string; endSession: string | null; at: number };
// On globalThis: route handlers (where sign-in lands) and pages (whose actions sign out) may
// be bundled apart, each with its own copy of this module.
const remembered = globalThis as { cairoSsoEndSession?: Discovered };

/**
 * The provider's end-session endpoint, from its discovery document: remembered for an hour,
 * and kept when a later look fails (a provider briefly down must not change where sign-out
 * goes). Looked up at sign-in too (`rememberEndSession`), so sign-out rarely waits for it.
 */
async function endSessionEndpoint(issuer: string): Promise<string | null> {
  const known =
    remembered.cairoSsoEndSession?.issuer === issuer ? remembered.cairoSsoEndSession : undefined;
  if (known && Date.now() - known.at < REMEMBER_MS) return known.endSession;
  const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const metadata = (await response.json()) as { end_session_endpoint?: unknown };
    const endpoint = metadata.end_session_endpoint;
    const endSession =
      typeof endpoint === "string" && /^https?:\/\//.test(endpoint) ? endpoint : null;
    remembered.cairoSsoEndSession = { issuer, endSession, at: Date.now() };
    return endSession;
  } catch (error) {
    // A provider that is down must not keep anyone signed in here: sign-out goes on without it.
    console.warn("single sign-on: could not read the provider's end-session endpoint", error);
    return known?.endSession ?? null;
  }
}

/** Called after a single sign-on: the provider just answered, so its discovery document is at hand. */
export function rememberEndSession(): void {
  const config = ssoConfig();
  if (config) void endSessionEndpoint(config.issuer);
}

/**
 * Where the browser goes after the app's own session ended: the provider's end-session
 * endpoint when the session came from single sign-on and the provider has one, else null.
 */
export async function providerSignOutUrl(
  idToken: string | null | undefined,
  appOrigin: string,
): Promise<string | null> {
  const config = ssoConfig();
  if (!idToken || !config) return null;
  const endpoint = await endSessionEndpoint(config.issuer);
  if (!endpoint) return null;
  const url = new URL(endpoint);
  url.searchParams.set("id_token_hint", idToken);
  url.searchParams.set("client_id", config.clientId);
  url.searchParams.set("post_logout_redirect_uri", `${appOrigin}/login`);
  return url.toString();
}
