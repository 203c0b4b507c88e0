import { afterEach, inject } from "vitest";
import { createPeople, type Person, withAppDatabase } from "../../test-kit/database";
import { Client, signedIn } from "../../test-kit/http";

/** The deployment the global setup started (nginx, the two servers, the databases). */
export function cluster() {
  return inject("cluster");
}

/** Asks the global setup to act on the deployment: "kill/1", "restart/1", "redis/stop"... */
export async function control(action: string): Promise<string> {
  const method = action.startsWith("log/") ? "GET" : "POST";
  const response = await fetch(`${cluster().controlUrl}/${action}`, { method });
  const text = await response.text();
  if (!response.ok) throw new Error(`control ${action}: ${response.status} ${text}`);
  return text;
}

/** Prints the end of both servers' logs when a test of the file fails. */
export function printLogsOnFailure() {
  afterEach(async (context) => {
    if (context.task.result?.state !== "fail") return;
    for (const i of [0, 1]) {
      const log = await control(`log/${i}`).catch((error) => String(error));
      console.error(`--- end of server ${i + 1}'s log ---\n${log.slice(-4000)}`);
    }
  });
}

/**
 * People of one test file, created straight in the shared PostgreSQL through lib/ (cheap
 * password hashes). Names must be unique across the run: the database is shared.
 */
export function seedPeople(names: string[]): Promise<Person[]> {
  return withAppDatabase(cluster().databaseUrl, () => createPeople(names));
}

/**
 * A client talking to one server directly, as nginx would forward a browser's request to
 * it: the browser's Origin is the public one (nginx's), and X-Forwarded-Host/-Proto name it.
 */
export class ServerClient extends Client {
  constructor(
    baseUrl: string,
    readonly publicUrl: string,
    address?: string,
  ) {
    super(baseUrl, address);
  }

  override get origin(): string {
    return this.publicUrl;
  }

  override fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (!headers.has("x-forwarded-host"))
      headers.set("x-forwarded-host", new URL(this.publicUrl).host);
    if (!headers.has("x-forwarded-proto")) headers.set("x-forwarded-proto", "http");
    return super.fetch(path, { ...init, headers });
  }
}

/** A client of `baseUrl`: nginx itself, or one server reached directly (see ServerClient). */
export function clientOf(baseUrl: string, address?: string): Client {
  const { url } = cluster();
  return baseUrl === url ? new Client(url, address) : new ServerClient(baseUrl, url, address);
}

/** A signed-in client on `baseUrl` (a server or nginx). */
export async function signIn(baseUrl: string, person: Person): Promise<Client> {
  if (baseUrl === cluster().url) return signedIn(baseUrl, person.email, person.password);
  const client = clientOf(baseUrl);
  const result = await client.signIn(person.email, person.password);
  if (!result.ok) throw new Error(`sign-in of ${person.email} failed: ${result.location}`);
  return client;
}

/** The same session (its cookies) on another base URL: the same browser, another server. */
export function sameSessionOn(client: Client, baseUrl: string): Client {
  const other = clientOf(baseUrl, client.address);
  for (const { name, value } of client.cookieList()) other.setCookie(name, value);
  return other;
}

export { openStream, type StreamEvent, send, sleep } from "./stream";
