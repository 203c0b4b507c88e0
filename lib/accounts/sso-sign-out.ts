import "server-only";
import { ssoConfig } from "./sso-config";

/**
 * Signing out of Cairo Chat also ends the provider's session when the provider offers an
 * end-session endpoint (OpenID Connect RP-initiated logout): the browser goes there with the
 * session's ID token as the hint, and comes back to the sign-in page.
 */

const DISCOVERY_TIMEOUT_MS = 5_000;
const REMEMBER_MS = 10 * 60_000;

let discovered: { issuer: string; endSession: string | null; at: number } | undefined;

async function endSessionEndpoint(issuer: string): Promise<string | null> {
  if (discovered?.issuer === issuer && Date.now() - discovered.at < REMEMBER_MS) {
    return discovered.endSession;
  }
  const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!response.ok) return null;
    const metadata = (await response.json()) as { end_session_endpoint?: unknown };
    const endpoint = metadata.end_session_endpoint;
    const endSession =
      typeof endpoint === "string" && /^https?:\/\//.test(endpoint) ? endpoint : null;
    discovered = { issuer, endSession, at: Date.now() };
    return endSession;
  } catch {
    // A provider that is down must not keep anyone signed in here: sign-out goes on without it.
    return null;
  }
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
