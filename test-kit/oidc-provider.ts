import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

/**
 * A real OpenID Connect provider for the tests (the certified `oidc-provider`), on a
 * loopback port: discovery, the authorization code flow with PKCE, ID tokens signed with a
 * key of its own, RP-initiated logout. Its login page is its own (below): a username and a
 * password checked against the test users. Consent is granted without asking (a first-party
 * app, as in a company's provider).
 */

export interface ProviderUser {
  /** What the provider's login page takes as the username. */
  login: string;
  password: string;
  /** The stable subject (`sub`). */
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface TestProvider {
  issuer: string;
  port: number;
  clientId: string;
  clientSecret: string;
  /** The users the login page knows; tests may add more before signing them in. */
  users: Map<string, ProviderUser>;
  addUser(user: Omit<ProviderUser, "sub" | "password"> & { password?: string }): ProviderUser;
  /** The OIDC_* variables for a `next start` that signs in through this provider. */
  env(name?: string): Record<string, string>;
  /** Stops answering (the port closes): "the provider is down". */
  down(): Promise<void>;
  /** Answers again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export const PROVIDER_PASSWORD = "provider password 123";

/** The test users every provider starts with. */
export const PROVIDER_USERS = {
  verified: { login: "vera", email: "vera@sso.test", emailVerified: true, name: "Vera Verified" },
  unverified: { login: "uma", email: "uma@sso.test", emailVerified: false, name: "Uma Unverified" },
  deactivated: {
    login: "dan",
    email: "dan@sso.test",
    emailVerified: true,
    name: "Dan Deactivated",
  },
} as const;

export async function startTestProvider({
  appOrigin,
  port: wanted = 0,
}: {
  /** The app's origin: its redirect URI and post-logout redirect URI are registered here. */
  appOrigin: string;
  port?: number;
}): Promise<TestProvider> {
  const users = new Map<string, ProviderUser>();
  const addUser: TestProvider["addUser"] = (user) => {
    const added = { password: PROVIDER_PASSWORD, ...user, sub: `sub-${user.login}` };
    users.set(added.login, added);
    return added;
  };
  for (const user of Object.values(PROVIDER_USERS)) addUser(user);
  const bySub = (sub: string) => [...users.values()].find((user) => user.sub === sub);

  const server = http.createServer();
  let port = wanted;
  await listen(server, port);
  port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "cairo-chat";
  const clientSecret = randomBytes(24).toString("base64url");
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${appOrigin}/api/auth/callback/oidc`],
        post_logout_redirect_uris: [`${appOrigin}/login`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
    async renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title>
</head><body><main><h1>The identity provider refused</h1><pre>${escapeHtml(JSON.stringify(out))}</pre></main></body></html>`;
    },
    // The claims go into the ID token itself, which is what Auth.js reads.
    conformIdTokenClaims: false,
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // The default page loads a web font from the internet: this one is self-contained.
        async logoutSource(ctx, form) {
          ctx.type = "html";
          ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Sign out</title></head><body><main><h1>Sign out of the test identity provider?</h1>
${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
</main></body></html>`;
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const user = bySub(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            email: user.email,
            email_verified: user.emailVerified,
            name: user.name,
          };
        },
      };
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session, result } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId || session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: client.clientId,
        accountId: session.accountId,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();

  server.on("request", (request, response) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(new URL(request.url ?? "/", issuer).pathname);
    if (!match) {
      callback(request, response);
      return;
    }
    interaction(provider, users, request, response).catch((error: unknown) => {
      response.statusCode = 400;
      response.setHeader("content-type", "text/plain");
      response.end(`The sign-in could not go on: ${String(error)}`);
    });
  });

  return {
    issuer,
    port,
    clientId,
    clientSecret,
    users,
    addUser,
    env: (name?: string) => ({
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      ...(name ? { OIDC_NAME: name } : {}),
    }),
    down: () => close(server),
    up: () => listen(server, port),
    close: () => close(server),
  };
}

/** The provider's own login page: a username and password checked against its users. */
async function interaction(
  provider: Provider,
  users: Map<string, ProviderUser>,
  request: http.IncomingMessage,
  response: http.ServerResponse,
) {
  const details = await provider.interactionDetails(request, response);
  if (details.prompt.name !== "login") throw new Error(`unexpected prompt ${details.prompt.name}`);
  if (request.method === "POST") {
    const form = new URLSearchParams(await readBody(request));
    const user = users.get(form.get("username") ?? "");
    if (user && user.password === form.get("password")) {
      await provider.interactionFinished(
        request,
        response,
        { login: { accountId: user.sub } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    return loginPage(response, details.uid, "Wrong username or password.");
  }
  return loginPage(response, details.uid);
}

function loginPage(response: http.ServerResponse, uid: string, error?: string) {
  response.statusCode = error ? 401 : 200;
  response.setHeader("content-type", "text/html; charset=utf-8");
  response.setHeader("cache-control", "no-store");
  response.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main>
<h1>Test identity provider</h1>
${error ? `<p role="alert">${error}</p>` : ""}
<form method="post" action="/interaction/${uid}">
<label>Username <input name="username" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Continue</button>
</form>
</main></body></html>`);
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of request) {
    body += chunk;
    if (body.length > 10_000) throw new Error("body too large");
  }
  return body;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
