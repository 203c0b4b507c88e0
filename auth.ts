import { headers } from "next/headers";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { verifyCredentials } from "./lib/accounts/accounts";
import { authSecret } from "./lib/accounts/auth-secret";
import { endSession, startSession } from "./lib/accounts/sessions";
import { signInWithSso } from "./lib/accounts/sso";
import { passwordSignInEnabled, SSO_PROVIDER_ID, ssoConfig } from "./lib/accounts/sso-config";
import { ssoProvider, ssoRefusalPath } from "./lib/accounts/sso-provider";
import { rememberEndSession } from "./lib/accounts/sso-sign-out";
import { clientAddress } from "./lib/platform/http/client-address";
import { configuredOrigin } from "./lib/platform/http/origin";

declare module "next-auth" {
  interface User {
    /** The server-side session this sign-in started (lib/accounts/sessions.ts). */
    sessionId?: string;
  }
}

class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

class Deactivated extends CredentialsSignin {
  code = "deactivated";
}

class PasswordSignInOff extends CredentialsSignin {
  code = "password_off";
}

export const { auth, handlers, signIn, signOut } = NextAuth(authConfig);

function authConfig(): NextAuthConfig {
  // Auth.js builds its URLs, and the redirect after signing in, from AUTH_URL when set, and
  // otherwise from Host or X-Forwarded-Host, which the client writes: pin it to APP_ORIGIN
  // when set. Unset, the app answers at whatever address it was opened at (lib/platform/http/origin.ts).
  const configured = configuredOrigin();
  if (configured) process.env.AUTH_URL ??= configured;
  const sso = ssoConfig();
  return {
    secret: authSecret(),
    trustHost: true,
    pages: { signIn: "/login" },
    session: { strategy: "jwt" },
    logger: {
      // A wrong password is an everyday event, answered on the form: not a server error.
      error(error) {
        if (error instanceof CredentialsSignin) return;
        console.error(error);
      },
    },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          // SSO-only deployments (PASSWORD_SIGN_IN=false): no password signs in, not even
          // one posted straight to Auth.js's route.
          if (!passwordSignInEnabled()) throw new PasswordSignInOff();
          const outcome = await verifyCredentials(credentials, clientAddress(request.headers));
          if (outcome.ok) {
            const { id, name, email } = outcome.user;
            const userAgent = request.headers.get("user-agent");
            return {
              id: String(id),
              name,
              email,
              sessionId: await startSession(id, { userAgent }),
            };
          }
          if (outcome.reason === "rate_limited") throw new RateLimited();
          if (outcome.reason === "deactivated") throw new Deactivated();
          return null;
        },
      }),
      ...(sso ? [ssoProvider(sso, configured)] : []),
    ],
    events: {
      // Every way of signing out ends the server session: Auth.js's own POST
      // /api/auth/signout too, so a copied cookie and its event streams stop with it.
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        const userId = Number(token?.sub);
        if (Number.isSafeInteger(userId) && typeof token?.sid === "string") {
          await endSession(userId, token.sid);
        }
      },
    },
    callbacks: {
      // A single sign-on lands here with the provider's verified claims: the account is
      // found, linked or created, and a server session starts as for a password sign-in.
      async signIn({ user, account, profile }) {
        if (account?.provider !== SSO_PROVIDER_ID) return true;
        const outcome = await signInWithSso(profile);
        if (!outcome.ok) return ssoRefusalPath(outcome.reason);
        const { id, name, email } = outcome.user;
        Object.assign(user, { id: String(id), name, email, image: null });
        user.sessionId = await startSession(id, {
          userAgent: (await headers()).get("user-agent"),
          idToken: account.id_token,
        });
        rememberEndSession();
        return true;
      },
      jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          token.sid = user.sessionId;
        }
        return token;
      },
      // What Auth.js shows page scripts: never the server session's id (the token keeps it).
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}
