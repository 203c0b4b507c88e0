import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authConfig } from "./auth.config";
import { verifyCredentials } from "./lib/accounts";
import { authSecret } from "./lib/auth-secret";

class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip") || "unknown";
}

export const { auth, handlers, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  secret: authSecret(),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const outcome = await verifyCredentials(credentials, clientAddress(request));
        if (outcome.ok)
          return {
            id: String(outcome.user.id),
            name: outcome.user.name,
            email: outcome.user.email,
          };
        if (outcome.reason === "rate_limited") throw new RateLimited();
        return null;
      },
    }),
  ],
}));
