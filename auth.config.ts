import type { NextAuthConfig } from "next-auth";

/**
 * The part of the Auth.js configuration that needs no database: proxy.ts uses it to turn
 * anonymous visitors away before a page renders. auth.ts adds the Credentials provider.
 */
const PUBLIC_PATHS = ["/login", "/register"];

export const authConfig = {
  trustHost: true,
  pages: { signIn: "/login" },
  session: { strategy: "jwt" },
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const path = request.nextUrl.pathname;
      if (PUBLIC_PATHS.some((p) => path === p || path.startsWith(`${p}/`))) return true;
      return Boolean(auth?.user);
    },
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
} satisfies NextAuthConfig;
