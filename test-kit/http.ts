/**
 * A minimal HTTP client with a cookie jar: enough to sign in through Auth.js and then act
 * as that user against the JSON API, the pages and the server actions.
 */
export class Client {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    /** Sent as x-forwarded-for: the address the sign-in rate limiter sees. */
    readonly address = "127.0.0.1",
  ) {}

  get origin(): string {
    return this.baseUrl;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  cookieList(): { name: string; value: string }[] {
    return [...this.cookies].map(([name, value]) => ({ name, value }));
  }

  hasSession(): boolean {
    return this.cookies.has("authjs.session-token");
  }

  /** Forgets every cookie: an anonymous visitor from now on. */
  signOutLocally(): void {
    this.cookies.clear();
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader();
    if (cookie && !headers.has("cookie")) headers.set("cookie", cookie);
    if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", this.address);
    const response = await fetch(`${this.baseUrl}${path}`, {
      redirect: "manual",
      ...init,
      headers,
    });
    for (const line of response.headers.getSetCookie()) this.storeCookie(line);
    return response;
  }

  private storeCookie(line: string) {
    const [pair = "", ...attributes] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq < 0) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
    if (expired || value === "") this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  /**
   * Signs in through Auth.js's credentials callback, the way the login form's server action
   * does internally. Returns where Auth.js redirected to (it carries `error=` on a refusal).
   */
  async signIn(
    email: string,
    password: string,
  ): Promise<{ ok: boolean; location: string; elapsedMs: number }> {
    const csrf = await this.fetch("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const started = performance.now();
    const response = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/messages" }),
    });
    await response.arrayBuffer();
    const elapsedMs = performance.now() - started;
    const location = response.headers.get("location") ?? "";
    return { ok: this.hasSession() && !location.includes("error="), location, elapsedMs };
  }

  async json(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown; text: string }> {
    const response = await this.fetch(path, {
      method,
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (an HTML error page, say): keep the text.
    }
    return { status: response.status, body: parsed, text };
  }

  /** A page as HTML. */
  async page(path: string): Promise<{ status: number; html: string; location: string | null }> {
    const response = await this.fetch(path);
    return {
      status: response.status,
      html: await response.text(),
      location: response.headers.get("location"),
    };
  }
}

/** Signs in a fresh client, failing loudly if the credentials are refused. */
export async function signedIn(baseUrl: string, email: string, password: string) {
  const client = new Client(baseUrl);
  const result = await client.signIn(email, password);
  if (!result.ok) throw new Error(`sign-in of ${email} failed: ${result.location}`);
  return client;
}
