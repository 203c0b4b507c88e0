/**
 * The floor for `GET /api/conversations/[id]`: a bare node:http server doing the same work
 * as the route, and nothing else: it decrypts the same session cookie, reads the user and
 * session (the same statement as the app), runs the same conversation statements
 * (findColleague, conversationPage) and writes the same JSON. No framework, no cache.
 * Started by bench/figures/floor.ts with DATABASE_URL and AUTH_SECRET; prints its port.
 */
import http from "node:http";
import { openDatabase, useDatabase as switchDatabase } from "@/db/client";
import { findSessionUser } from "@/lib/accounts/accounts";
import { readSessionToken } from "@/lib/accounts/session-cookie";
import { conversationPage, findColleague } from "@/lib/messaging/conversations";

const secret = process.env.AUTH_SECRET as string;

function cookies(header: string | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const pair of (header ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return jar;
}

function reply(response: http.ServerResponse, status: number, body: unknown) {
  response.writeHead(status, {
    "content-type": "application/json",
    "cache-control": "private, no-store",
  });
  response.end(JSON.stringify(body));
}

async function handle(request: http.IncomingMessage, response: http.ServerResponse) {
  const match = /^\/api\/conversations\/(\d+)$/.exec(request.url ?? "");
  if (!match) return reply(response, 404, { error: "Not found." });
  const jar = cookies(request.headers.cookie);
  const token = await readSessionToken((name) => jar.get(name), secret);
  if (!token || token === "chunked") return reply(response, 401, { error: "Sign in first." });
  const user = await findSessionUser(token.userId, token.sessionId);
  if (!user) return reply(response, 401, { error: "Sign in first." });
  const otherId = Number(match[1]);
  const other = await findColleague(otherId);
  const [low, high] = user.id < otherId ? [user.id, otherId] : [otherId, user.id];
  reply(response, 200, { other, ...(await conversationPage(low, high)) });
}

async function main() {
  await switchDatabase(openDatabase(process.env.DATABASE_URL as string));
  const server = http.createServer((request, response) => {
    handle(request, response).catch(() => reply(response, 500, { error: "failed" }));
  });
  server.keepAliveTimeout = 5_000;
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    console.log(JSON.stringify({ port: typeof address === "object" ? address?.port : 0 }));
  });
}

void main();
