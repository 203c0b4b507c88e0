import NextAuth from "next-auth";
import { authConfig } from "./auth.config";
import { authSecret } from "./lib/auth-secret";

/** The optimistic check: anonymous visitors go to /login. Pages and actions check again. */
export const { auth: proxy } = NextAuth({ ...authConfig, secret: authSecret() });

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico).*)"],
};
