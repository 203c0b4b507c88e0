/**
 * One generator process of `npm run bench:users`: simulated users, each with its own
 * session, holding one live stream open and reacting to every event as the browser's
 * components/LiveUpdates.tsx does (the same rules, applyToViews in lib/live/apply.ts, decide
 * what is updated in place and what is refetched). Each sends about once a minute (random,
 * exponential intervals) in the conversation it has open, opens another colleague's
 * conversation every couple of minutes, now and then replies in a thread, and marks what
 * shows on screen read, as MarkSeen does.
 *
 * stdin/stdout protocol: prints {"phase":"connected"} once its streams are open, waits for
 * a line "go <epoch ms>", runs warm-up, measured window and grace, prints
 * {"phase":"result",...} and exits.
 */
import fs from "node:fs";
import http from "node:http";
import readline from "node:readline";
import type { InfiniteData, QueryKey } from "@tanstack/react-query";
import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param";
import { BATCH_DELAY_MS } from "@/components/MarkSeen";
import { applyToViews } from "@/lib/live/apply";
import { withoutPayload } from "@/lib/live/events";
import { ACTIVITY_PING_MS } from "@/lib/live/presence-state";
import { chatKeys, directoryKeys } from "@/lib/live/query-keys";
import type { LiveEventData, LiveMessage } from "@/lib/live/types";
import { TYPING_EVERY_MS } from "@/lib/live/typing-timing";
import type { ConversationPage } from "@/lib/messaging/conversations";
import type { RecentConversation } from "@/lib/messaging/recent-conversations";
import type { ThreadMessage } from "@/lib/messaging/subthread";
import { seededRandom } from "../../test-kit/random";
import type { SimulatedUser, WorkerConfig, WorkerResult } from "./protocol";

type Pages = InfiniteData<ConversationPage, number | undefined>;

const config = JSON.parse(fs.readFileSync(process.argv[2] as string, "utf8")) as WorkerConfig;
const random = seededRandom(config.seed);
const base = new URL(config.baseUrl);
const now = () => performance.timeOrigin + performance.now();

// Streams each hold a socket for the whole run; requests share a keep-alive pool, as a
// browser's few connections per origin do (one pool for the whole process here).
const streamAgent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
// Idle sockets close on our side first (the server's keep-alive timeout is 5 s), so a request
// never goes out on a socket the server is closing.
const apiAgent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 });
/** The `retry:` delay the server announces on every stream (lib/live/stream.ts). */
const STREAM_RETRY_MS = 3_000;

const result: WorkerResult = {
  sends: [],
  deliveries: [],
  requests: {},
  errors: {},
  cpuSeconds: 0,
  streamsOpen: 0,
  streamRetries: 0,
  events: 0,
};
let window = { start: Number.POSITIVE_INFINITY, end: Number.POSITIVE_INFINITY };
let sending = false;
const delivered = new Map<number, number>();

function fail(kind: string) {
  result.errors[kind] = (result.errors[kind] ?? 0) + 1;
}

function call(
  user: SimulatedUser,
  kind: string,
  method: string,
  path: string,
  { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<unknown> {
  result.requests[kind] = (result.requests[kind] ?? 0) + 1;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        agent: apiAgent,
        headers: {
          cookie: user.cookie,
          accept: "application/json",
          ...(payload ? { "content-type": "application/json" } : {}),
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

/** One simulated browser tab on a conversation page. */
class Browser {
  open: number;
  conversation: Pages | undefined;
  thread: { rootId: number; messages: ThreadMessage[] } | undefined;
  /** The sidebar (every page from 1024 px), rendered with the page: the regular colleagues. */
  recent: RecentConversation[];
  /** Top-level messages received, by colleague: what a reply may answer. */
  lastReceived = new Map<number, number>();
  private seq = 0;
  private unseen = new Set<number>();
  private seenTimer: ReturnType<typeof setTimeout> | undefined;
  private timers: ReturnType<typeof setTimeout>[] = [];
  private typedAt = new Map<number, number>();
  private pinged = false;

  constructor(readonly user: SimulatedUser) {
    this.open = this.pickColleague();
    // Already on the page: its first page was rendered with it (not requested here).
    this.conversation = { pages: [{ messages: [], hasOlder: true }], pageParams: [undefined] };
    this.recent = user.colleagues.map(({ id, name }) => ({
      id,
      name,
      lastActivityAt: 0,
      unread: 0,
    }));
  }

  pickColleague(): number {
    const list = this.user.colleagues;
    return (list[Math.floor(random() * list.length)] as { id: number }).id;
  }

  /**
   * Opens the stream. Refused at the socket (the server's accept queue overflowing while
   * thousands of tabs connect at once), it tries again after the server's `retry:` delay,
   * as EventSource does; each retry is reported, and a third failure is an error.
   */
  connect(attempt = 1): Promise<void> {
    return new Promise((resolve) => {
      const request = http.get(
        {
          host: base.hostname,
          port: base.port,
          path: "/api/events",
          agent: streamAgent,
          headers: { cookie: this.user.cookie, accept: "text/event-stream" },
        },
        (response) => {
          if (response.statusCode !== 200) {
            fail(`stream ${response.statusCode}`);
            response.resume();
            return resolve();
          }
          result.streamsOpen++;
          resolve();
          let buffer = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => {
            buffer += chunk;
            let end = buffer.indexOf("\n\n");
            while (end >= 0) {
              this.onFrame(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
              end = buffer.indexOf("\n\n");
            }
          });
          response.on("close", () => {
            result.streamsOpen--;
            if (!stopping) fail("stream closed");
          });
        },
      );
      request.on("error", (error: NodeJS.ErrnoException) => {
        if (attempt < 3 && !stopping) {
          result.streamRetries++;
          setTimeout(() => void this.connect(attempt + 1).then(resolve), STREAM_RETRY_MS);
          return;
        }
        fail(`stream network ${error.code ?? error.message}`);
        resolve();
      });
      streams.push(request);
    });
  }

  onFrame(frame: string) {
    let data: string | undefined;
    let event = "message";
    for (const line of frame.split("\n")) {
      if (line.startsWith("data: ")) data = line.slice(6);
      else if (line.startsWith("event: ")) event = line.slice(7);
    }
    if (data === undefined) return;
    if (event !== "message") {
      fail(`stream ${event}`);
      return;
    }
    result.events++;
    void this.apply(JSON.parse(data) as LiveEventData, now());
  }

  /** What LiveUpdates does with an event, and when the message became renderable. */
  async apply(received: LiveEventData, at: number) {
    const event = config.mode === "apply" ? received : withoutPayload(received);
    const created = event.type === "message.created";
    const fromOthers = (received.messages ?? []).filter((m) => m.senderId !== this.user.id);
    for (const m of fromOthers) {
      if (m.parentId === null) this.lastReceived.set(m.senderId, m.id);
    }
    const refetches: Promise<unknown>[] = [];
    let conversationRefetch: Promise<unknown> | undefined;
    // The browser's rules (lib/live/apply.ts), over this tab's views: only views on screen
    // are held, so only they are refetched (react-query leaves inactive queries stale).
    applyToViews(
      {
        get: <T>(key: QueryKey) => this.view(key) as T | undefined,
        replace: (key, data) => this.replaceView(key, data),
        setCounts: () => {},
        refetch: (key) => {
          const [kind] = key;
          if (kind === chatKeys.counts[0]) {
            refetches.push(call(this.user, "GET counts", "GET", "/api/counts"));
          } else if (kind === directoryKeys.recent[0]) {
            void this.loadRecent();
          } else if (kind === "conversation") {
            conversationRefetch = this.loadConversation();
            refetches.push(conversationRefetch);
          } else if (kind === "thread") {
            refetches.push(this.loadThread(key[1] as number));
          }
        },
      },
      event,
    );
    if (!created) return;
    this.markSeen(event, fromOthers);
    // The server always sends the message: it tells the receiver's copy from the sender's.
    const theirs = fromOthers.map((m) => m.id);
    if (event.messages) {
      for (const id of theirs) delivered.set(id, at);
      return;
    }
    // No payload: renderable once the open conversation (or, off screen, the badge) is back.
    await (conversationRefetch ?? Promise.all(refetches));
    const done = now();
    for (const id of theirs) if (!delivered.has(id)) delivered.set(id, done);
  }

  /** The view under a react-query key, if this tab shows it. */
  view(key: QueryKey): unknown {
    const [kind, id] = key;
    if (kind === "conversation") return id === this.open ? this.conversation : undefined;
    const thread = this.thread;
    if (kind === "thread") return thread && thread.rootId === id ? thread.messages : undefined;
    if (kind === directoryKeys.recent[0]) return this.recent;
    return undefined;
  }

  replaceView(key: QueryKey, data: unknown) {
    const [kind] = key;
    if (kind === "conversation") this.conversation = data as Pages;
    else if (kind === "thread" && this.thread) this.thread.messages = data as ThreadMessage[];
    else if (kind === directoryKeys.recent[0]) this.recent = data as RecentConversation[];
  }

  async loadConversation() {
    const other = this.open;
    const page = (await call(
      this.user,
      "GET conversation",
      "GET",
      `/api/conversations/${other}`,
    )) as ConversationPage | undefined;
    if (page && other === this.open) this.conversation = { pages: [page], pageParams: [undefined] };
  }

  /**
   * MarkSeen: received messages that show on screen (top-level ones in the open
   * conversation, replies in the open thread) are marked read, batched as MarkSeen does.
   */
  markSeen(event: LiveEventData, fromOthers: LiveMessage[]) {
    const onScreen = fromOthers.filter((m) =>
      m.parentId === null
        ? event.conversationWith === this.open
        : this.thread !== undefined && event.threadRootIds?.includes(this.thread.rootId),
    );
    if (onScreen.length === 0) return;
    for (const m of onScreen) this.unseen.add(m.id);
    this.seenTimer ??= setTimeout(() => {
      const messageIds = [...this.unseen];
      this.unseen.clear();
      this.seenTimer = undefined;
      void call(this.user, "POST read", "POST", "/api/messages/read", {
        body: { messageIds },
        headers: { origin: config.baseUrl },
      });
    }, BATCH_DELAY_MS);
  }

  async loadRecent() {
    const answer = (await call(this.user, "GET recent", "GET", "/api/recent-conversations")) as
      | { conversations: RecentConversation[] }
      | undefined;
    if (answer) this.recent = answer.conversations;
  }

  async loadThread(rootId: number) {
    const thread = (await call(this.user, "GET thread", "GET", `/api/threads/${rootId}`)) as
      | { rootId: number; messages: ThreadMessage[] }
      | undefined;
    if (thread) this.thread = thread;
  }

  schedule(meanSeconds: number, action: () => Promise<void>) {
    const next = () => {
      const delay = -Math.log(1 - random()) * meanSeconds * 1000;
      this.timers.push(
        setTimeout(() => {
          if (!sending) return;
          void action().then(next);
        }, delay),
      );
    };
    next();
  }

  start() {
    this.schedule(config.sendEverySeconds, () => this.send());
    this.schedule(config.openEverySeconds, () => this.openAnother());
    if (config.signals) this.pingEveryMinute();
  }

  /** PresenceTracker: a ping with the colleagues in view, spread over the first minute. */
  pingEveryMinute() {
    const ping = () => {
      if (!sending) return;
      // A typing signal in the last minute already told the server: as PresenceTracker does.
      const typed = Math.max(0, ...this.typedAt.values());
      if (this.pinged && now() - typed < ACTIVITY_PING_MS) {
        this.timers.push(setTimeout(ping, typed + ACTIVITY_PING_MS - now()));
        return;
      }
      // The first one is the page's opening, which also says who is in view.
      this.pinged = true;
      void call(this.user, "POST presence", "POST", "/api/presence", {
        body: { active: true, watch: this.user.colleagues.map((c) => c.id) },
        headers: { origin: config.baseUrl },
      });
      this.timers.push(setTimeout(ping, ACTIVITY_PING_MS));
    };
    this.timers.push(setTimeout(ping, random() * ACTIVITY_PING_MS));
  }

  /** TypingStatus: one signal before a send, at most one per 3 s per conversation. */
  async typing(receiverId: number) {
    const at = now();
    if (at - (this.typedAt.get(receiverId) ?? 0) < TYPING_EVERY_MS) return;
    this.typedAt.set(receiverId, at);
    await call(this.user, "POST typing", "POST", "/api/typing", {
      body: { receiverId },
      headers: { origin: config.baseUrl },
    });
  }

  stop() {
    for (const timer of this.timers) clearTimeout(timer);
  }

  /**
   * A client-side navigation: the page's RSC payload, then that conversation on screen. Like
   * Next's router, it sends the tree it shows, so the server renders only what differs (the
   * page, not the chat layout around it).
   */
  async openAnother() {
    const from = this.open;
    this.open = this.pickColleague();
    this.thread = undefined;
    const tree = conversationRouterState(from);
    // The router's cache-busting parameter: without it Next answers with a redirect to it.
    const rsc = await computeCacheBustingSearchParam(undefined, undefined, tree, undefined);
    await call(this.user, "GET page (navigation)", "GET", `/messages/${this.open}?_rsc=${rsc}`, {
      headers: { rsc: "1", accept: "text/x-component", "next-router-state-tree": tree },
    });
    this.conversation = { pages: [{ messages: [], hasOlder: true }], pageParams: [undefined] };
  }

  async send() {
    const content = `Simulated message ${++this.seq} from user ${this.user.id}.`;
    const root = this.lastReceived.get(this.open);
    const reply = root !== undefined && random() < config.replyShare;
    if (reply && this.thread?.rootId !== root) {
      this.thread = { rootId: root, messages: [] };
      await this.loadThread(root);
    }
    if (!reply && config.signals) await this.typing(this.open);
    const started = now();
    const body = reply
      ? { parentMessageId: root, content }
      : {
          receiverId: this.open,
          content,
          idempotencyKey: `${this.user.id}-${this.seq}-${started}`,
        };
    const sent = (await call(
      this.user,
      reply ? "POST reply" : "POST message",
      "POST",
      "/api/messages",
      {
        body,
        headers: { origin: config.baseUrl },
      },
    )) as { id: number } | undefined;
    if (sent && started >= window.start && started < window.end)
      result.sends.push([sent.id, started]);
    // Before payloads, ConversationView refetched the conversation after a send of its own,
    // and a reply's form refreshed everything; now the send's own event brings it.
    if (config.mode === "refetch") {
      if (!reply) await this.loadConversation();
      else {
        await call(this.user, "GET counts", "GET", "/api/counts");
        if (this.thread) await this.loadThread(this.thread.rootId);
      }
    }
  }
}

/** Next's FlightRouterState of /messages/[userId] (app/(chat)/messages/[userId]/page.tsx). */
function conversationRouterState(userId: number): string {
  const page = ["__PAGE__", {}];
  const conversation = [["userId", String(userId), "d", null], { children: page }];
  const tree = [
    "",
    { children: ["(chat)", { children: ["messages", { children: conversation }] }] },
  ];
  return encodeURIComponent(JSON.stringify(tree));
}

const streams: http.ClientRequest[] = [];
let stopping = false;

async function main() {
  const browsers = config.users.map((user) => new Browser(user));
  const gap = 1000 / config.connectPerSecond;
  const connecting: Promise<void>[] = [];
  for (const browser of browsers) {
    connecting.push(browser.connect());
    await new Promise((resolve) => setTimeout(resolve, gap));
  }
  await Promise.all(connecting);
  console.log(JSON.stringify({ phase: "connected", streams: result.streamsOpen }));

  const lines = readline.createInterface({ input: process.stdin });
  const go = await new Promise<number>((resolve) =>
    lines.once("line", (line) => resolve(Number(line.split(" ")[1]))),
  );
  window = {
    start: go + config.warmSeconds * 1000,
    end: go + (config.warmSeconds + config.measureSeconds) * 1000,
  };
  sending = true;
  for (const browser of browsers) browser.start();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, window.start - now())));
  const cpuStart = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, window.end - now())));
  const cpu = process.cpuUsage(cpuStart);
  result.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  sending = false;
  for (const browser of browsers) browser.stop();
  await new Promise((resolve) => setTimeout(resolve, config.graceSeconds * 1000));
  result.deliveries = [...delivered];
  stopping = true;
  console.log(JSON.stringify({ phase: "result", ...result }));
  lines.close();
  for (const stream of streams) stream.destroy();
  apiAgent.destroy();
  process.exit(0);
}

void main();
