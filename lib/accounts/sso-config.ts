/**
 * Single sign-on settings, read from the environment: OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET turn it on (all three, or none); OIDC_NAME names the provider on the
 * sign-in button. PASSWORD_SIGN_IN=false turns the password sign-in off (SSO-only).
 */

type Env = Record<string, string | undefined>;

export interface SsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What the sign-in button calls the provider: "SSO" unless OIDC_NAME says otherwise. */
  name: string;
}

/** The provider id Auth.js routes by: the redirect URI is `<origin>/api/auth/callback/oidc`. */
export const SSO_PROVIDER_ID = "oidc";

export function ssoConfig(env: Env = process.env): SsoConfig | null {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, name: env.OIDC_NAME?.trim() || "SSO" };
}

/** Password sign-in is on unless PASSWORD_SIGN_IN is "false" (or "0", "off", "no"). */
export function passwordSignInEnabled(env: Env = process.env): boolean {
  const value = env.PASSWORD_SIGN_IN?.trim().toLowerCase();
  return !(value === "false" || value === "0" || value === "off" || value === "no");
}

/** The sign-in button's label, which is its accessible name (docs/architecture.md). */
export function ssoButtonLabel(config: Pick<SsoConfig, "name">): string {
  return `Sign in with ${config.name}`;
}
