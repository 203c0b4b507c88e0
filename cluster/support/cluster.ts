import { afterEach, inject } from "vitest";
import { createPeople, type Person, withAppDatabase } from "../../reliability/harness/database";
import { Client, signedIn } from "../../reliability/harness/http";

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

/** A signed-in client on `baseUrl` (a server or nginx). */
export function signIn(baseUrl: string, person: Person): Promise<Client> {
  return signedIn(baseUrl, person.email, person.password);
}

/** The same session (its cookies) on another base URL: the same browser, another server. */
export function sameSessionOn(client: Client, baseUrl: string): Client {
  const other = new Client(baseUrl, client.address);
  for (const { name, value } of client.cookieList()) other.setCookie(name, value);
  return other;
}

export interface StreamEvent {
  id?: string;
  event: string;
  data: Record<string, unknown>;
  at: number;
}

/**
 * An open `/api/events` stream of one session, read in the background: every frame with
 * its id, its event name ("message" unless named) and its parsed data.
 */
export async function openStream(client: Client, lastEventId?: string) {
  const controller = new AbortController();
  const headers: Record<string, string> = {
    cookie: client.cookieHeader(),
    accept: "text/event-stream",
  };
  if (lastEventId) headers["last-event-id"] = lastEventId;
  const response = await fetch(`${client.baseUrl}/api/events`, {
    headers,
    signal: controller.signal,
  });
  if (response.status !== 200) {
    throw new Error(`event stream answered ${response.status}: ${await response.text()}`);
  }
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  let closed = false;
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of response.body ?? []) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
          const event: StreamEvent = { event: "message", data: {}, at: performance.now() };
          let hasData = false;
          for (const line of frame.split("\n")) {
            if (line.startsWith("id: ")) event.id = line.slice(4);
            else if (line.startsWith("event: ")) event.event = line.slice(7);
            else if (line.startsWith("data: ")) {
              event.data = JSON.parse(line.slice(6));
              hasData = true;
            }
          }
          if (!hasData) continue; // retry:, comments
          events.push(event);
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // aborted
    } finally {
      closed = true;
      for (const wake of waiters) wake();
    }
  })();
  return {
    events,
    get closed() {
      return closed;
    },
    /** The ids of the messages announced as created so far. */
    createdIds(): number[] {
      return events
        .filter((e) => e.data.type === "message.created")
        .flatMap((e) => e.data.messageIds as number[]);
    },
    /** Resolves with the first event matching, or undefined after `timeoutMs`. */
    async waitFor(
      match: (event: StreamEvent) => boolean,
      timeoutMs: number,
    ): Promise<StreamEvent | undefined> {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const found = events.find(match);
        if (found || closed) return found;
        const left = deadline - performance.now();
        if (left <= 0) return undefined;
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

/** POST /api/messages; the stored message's id on 201 (or 200 for an idempotent retry). */
export async function send(
  client: Client,
  body: Record<string, unknown>,
): Promise<{ status: number; id?: number; text: string }> {
  const response = await client.json("POST", "/api/messages", body);
  const id =
    response.status === 200 || response.status === 201
      ? (response.body as { id: number }).id
      : undefined;
  return { status: response.status, id, text: response.text };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
