import type { OIDCConfig } from "next-auth/providers";
import type { SsoRefusal } from "./sso";
import { SSO_PROVIDER_ID, type SsoConfig } from "./sso-config";

/**
 * Auth.js's OpenID Connect provider for the configured issuer: discovery, the authorization
 * code flow with PKCE, state and nonce, the ID token checked by Auth.js (oauth4webapi).
 */
export function ssoProvider(
  config: SsoConfig,
  /** The app's configured origin (APP_ORIGIN), when set. */
  appOrigin: string | null,
): OIDCConfig<Record<string, unknown>> {
  return {
    id: SSO_PROVIDER_ID,
    name: config.name,
    type: "oidc",
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    // The redirect URI registered at the provider is the configured origin's. Auth.js would
    // build it from the request as Next normalised it, which turns a loopback address
    // (127.0.0.1) into "localhost": another redirect URI, and another origin for the cookies.
    ...(appOrigin ? { redirectProxyUrl: `${appOrigin}/api/auth` } : {}),
    // The claims are read, and the account chosen, in auth.ts's signIn callback.
    profile(claims) {
      return { id: String(claims.sub ?? ""), name: null, email: null, image: null };
    },
  };
}

/** The error codes the sign-in page explains for a refused single sign-on. */
export const SSO_ERRORS = {
  SsoUnverified:
    "Your identity provider did not confirm your email address, so no account can be matched to it. Ask your administrator.",
  SsoDeactivated: "This account has been deactivated. Ask an administrator to reactivate it.",
  SsoConflict:
    "That email address belongs to an account linked to another single sign-on identity. Ask an administrator.",
  SsoFailed: "Signing in with single sign-on did not complete. Try again.",
  SsoUnavailable:
    "The single sign-on provider cannot be reached or is not set up correctly. Try again later, or ask an administrator.",
} as const;

export type SsoErrorCode = keyof typeof SSO_ERRORS;

const REFUSALS: Record<SsoRefusal, SsoErrorCode> = {
  unverified: "SsoUnverified",
  deactivated: "SsoDeactivated",
  conflict: "SsoConflict",
  invalid: "SsoFailed",
};

export function ssoRefusalPath(reason: SsoRefusal): string {
  return `/login?error=${REFUSALS[reason]}`;
}
