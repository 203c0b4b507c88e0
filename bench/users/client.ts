import http from "node:http";
import type { WorkerResult } from "./protocol";

/**
 * A generator process's HTTP side: the requests its simulated browsers make, counted by
 * kind, and every failure counted by kind and status.
 */
export const result: WorkerResult = {
  sends: [],
  deliveries: [],
  requests: {},
  errors: {},
  cpuSeconds: 0,
  streamsOpen: 0,
  streamRetries: 0,
  events: 0,
};

// Streams each hold a socket for the whole run; requests share a keep-alive pool, as a
// browser's few connections per origin do (one pool for the whole process here).
export const streamAgent = new http.Agent({
  keepAlive: false,
  maxSockets: Number.POSITIVE_INFINITY,
});
// Idle sockets close on our side first (the server's keep-alive timeout is 5 s), so a request
// never goes out on a socket the server is closing.
export const apiAgent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 });

/** Requests are counted inside the measured window only: their rates are per second of it. */
let counting = false;
export function countRequests(on: boolean) {
  counting = on;
}

export function fail(kind: string) {
  result.errors[kind] = (result.errors[kind] ?? 0) + 1;
}

export interface CallOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (a server action's encoded arguments). */
  raw?: string;
  headers?: Record<string, string>;
}

/** One request as `cookie`'s browser; resolves with the parsed JSON or text, or undefined on failure. */
export function call(
  base: URL,
  cookie: string,
  kind: string,
  method: string,
  path: string,
  { body, raw, headers = {} }: CallOptions = {},
): Promise<unknown> {
  if (counting) result.requests[kind] = (result.requests[kind] ?? 0) + 1;
  const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        agent: apiAgent,
        headers: {
          cookie,
          accept: "application/json",
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          // A redirect is not what was asked for either (a page answered with its _rsc URL).
          if ((response.statusCode ?? 0) >= 300) {
            fail(`${kind} ${response.statusCode}`);
            return resolve(undefined);
          }
          const text = Buffer.concat(chunks).toString("utf8");
          const json = response.headers["content-type"]?.includes("json");
          resolve(json ? JSON.parse(text) : text);
        });
        response.on("error", () => {
          fail(`${kind} aborted`);
          resolve(undefined);
        });
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => {
      fail(`${kind} network ${error.code ?? error.message}`);
      resolve(undefined);
    });
    request.end(payload);
  });
}
