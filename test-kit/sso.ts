import { Client } from "./http";
import type { TestProvider } from "./oidc-provider";

/**
 * Single sign-on over HTTP, step by step, as a browser would go: the app's sign-in starts it
 * (Auth.js sets the PKCE, state and nonce cookies and sends the browser to the provider),
 * the provider's login page signs the user in there, and the provider sends the browser back
 * to the app's callback with a code. Each step is separate so that tests can tamper between
 * them.
 */

/** Starts single sign-on in the app: returns the provider's authorization URL. */
export async function startSso(app: Client, callbackUrl = "/messages"): Promise<string> {
  const csrf = await app.fetch("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await app.fetch("/api/auth/signin/oidc", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl }),
  });
  await response.arrayBuffer();
  const location = response.headers.get("location") ?? "";
  if (response.status !== 302 && response.status !== 303) {
    throw new Error(`sign-in did not redirect: ${response.status}`);
  }
  return location;
}

/**
 * Signs in at the provider's own login page and returns the app's callback URL (with the
 * code and state) the provider sends the browser to. `browser` keeps the provider's cookies
 * (its session) between calls.
 */
export async function loginAtProvider(
  provider: TestProvider,
  authorizationUrl: string,
  { login, password }: { login: string; password: string },
  browser = new Client(provider.issuer),
): Promise<string> {
  let location = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    if (!location.startsWith(provider.issuer)) return location;
    const path = location.slice(provider.issuer.length);
    let response = await browser.fetch(path);
    if (response.status === 200 && /^\/interaction\//.test(path)) {
      await response.arrayBuffer();
      response = await browser.fetch(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ username: login, password }),
      });
    }
    const next = response.headers.get("location");
    const body = await response.text();
    if (!next) throw new Error(`the provider stopped at ${path}: ${response.status} ${body}`);
    location = new URL(next, provider.issuer).toString();
  }
  throw new Error("the provider redirected too many times");
}

/** Follows the provider's redirect back into the app: returns where the app sends the browser. */
export async function finishSso(app: Client, callbackUrl: string): Promise<string> {
  const url = new URL(callbackUrl);
  const response = await app.fetch(`${url.pathname}${url.search}`);
  await response.arrayBuffer();
  return response.headers.get("location") ?? `(status ${response.status})`;
}

/** The whole way: a fresh app client signed in (or refused) through the provider. */
export async function signInWithSso(
  baseUrl: string,
  provider: TestProvider,
  user: { login: string; password: string },
): Promise<{ app: Client; location: string }> {
  const app = new Client(baseUrl);
  const authorization = await startSso(app);
  const callback = await loginAtProvider(provider, authorization, user);
  return { app, location: await finishSso(app, callback) };
}
