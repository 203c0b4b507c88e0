/**
 * One generator process of `npm run bench:users`: simulated users, each with its own
 * session, holding one live stream open and reacting to every event as the browser's
 * components/LiveUpdates.tsx does (the same rules, applyToViews in lib/live/apply.ts, decide
 * what is updated in place and what is refetched). Each keeps its home conversation open
 * (the one that writes to it most, bench/users/model.ts), so what arrives there is marked
 * read at once, as MarkSeen (a direct message) and useLiveRoom (a room) do; sends about once a
 * minute (exponential intervals), mostly into its rooms; visits another conversation about
 * every 2 minutes (client-side navigations there and back); reloads the whole page about
 * every 15 minutes; now and then replies in a thread.
 *
 * stdin/stdout protocol: prints {"phase":"connected"} once its streams are open, waits for
 * a line "go <epoch ms>", runs warm-up, measured window and grace, prints
 * {"phase":"result",...} and exits.
 */
import fs from "node:fs";
import http from "node:http";
import readline from "node:readline";
import type { InfiniteData, QueryKey } from "@tanstack/react-query";
import { BATCH_DELAY_MS } from "@/components/MarkSeen";
import { applyToViews } from "@/lib/live/apply";
import { withoutPayload } from "@/lib/live/events";
import { ACTIVITY_PING_MS } from "@/lib/live/presence-state";
import { chatKeys, directoryKeys } from "@/lib/live/query-keys";
import type { LiveEventData, LiveMessage } from "@/lib/live/types";
import { TYPING_EVERY_MS } from "@/lib/live/typing-timing";
import type { ConversationMessage, ConversationPage } from "@/lib/messaging/conversations";
import type { RecentConversation } from "@/lib/messaging/recent-conversations";
import type { ThreadMessage } from "@/lib/messaging/subthread";
import { ROOM_WATCH_RENEW_MS } from "@/lib/rooms/watching";
import type { UnreadCounts } from "@/lib/unread/notifications";
import { seededRandom } from "../../test-kit/random";
import {
  apiAgent,
  type CallOptions,
  call,
  countRequests,
  fail,
  result,
  streamAgent,
} from "./client";
import { roomWeight } from "./model";
import { pathOf, rscRequest } from "./navigation";
import type { Place, SimulatedUser, WorkerConfig } from "./protocol";

type Pages = InfiniteData<ConversationPage, number | undefined>;

const config = JSON.parse(fs.readFileSync(process.argv[2] as string, "utf8")) as WorkerConfig;
const random = seededRandom(config.seed);
const base = new URL(config.baseUrl);
const origin = config.baseUrl;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** An exponential delay of mean `seconds`, in ms. */
const exponential = (seconds: number) => -Math.log(1 - random()) * seconds * 1000;
/** The `retry:` delay the server announces on every stream (lib/live/stream.ts). */
const STREAM_RETRY_MS = 3_000;

let window = { start: Number.POSITIVE_INFINITY, end: Number.POSITIVE_INFINITY };
let sending = false;

const emptyConversation = (): Pages => ({
  pages: [{ messages: [], hasOlder: true }],
  pageParams: [undefined],
});

/** One simulated browser tab on a conversation page. */
class Browser {
  open: Place;
  conversation: Pages | undefined;
  thread: { rootId: number; messages: ThreadMessage[] } | undefined;
  /** The open room's messages (useLiveRoom): what its events apply in place. */
  roomMessages: ConversationMessage[] = [];
  /** The sidebar (every page from 1024 px), rendered with the page: the regular colleagues. */
  recent: RecentConversation[];
  /** The sidebar's rooms (RoomSidebar): held on every page; a room event counts in place. */
  rooms: { id: number; muted: boolean; unread: number }[];
  /** The navigation's badges (LiveCountBadge, TabTitle): held on every page. */
  counts: UnreadCounts = { inbox: 0, notifications: 0 };
  /** Top-level messages received, by colleague: what a reply may answer. */
  lastReceived = new Map<number, number>();
  private seq = 0;
  private unseen = new Set<number>();
  private seenTimer: ReturnType<typeof setTimeout> | undefined;
  private watching:
    | {
        roomId: number;
        start: ReturnType<typeof setTimeout>;
        renew: ReturnType<typeof setTimeout>;
      }
    | undefined;
  private watchedBefore = false;
  private timers: ReturnType<typeof setTimeout>[] = [];
  private typedAt = new Map<string, number>();
  private pinged = false;
  /** Messages this tab already holds (a room event's refetch may bring several). */
  private got = new Set<number>();

  constructor(readonly user: SimulatedUser) {
    this.open = user.home;
    // Already on the page: its first page was rendered with it (not requested here).
    this.conversation = emptyConversation();
    this.recent = user.colleagues.map(({ id, name }) => ({
      id,
      name,
      lastActivityAt: 0,
      unread: 0,
    }));
    this.rooms = [...user.rooms, ...(user.companyRoom ? [{ id: user.companyRoom }] : [])].map(
      ({ id }) => ({ id, muted: false, unread: 0 }),
    );
  }

  request(kind: string, method: string, path: string, options?: CallOptions) {
    return call(base, this.user.cookie, kind, method, path, options);
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

  delivered(ids: number[], at: number) {
    for (const id of ids) {
      if (this.got.has(id)) continue;
      this.got.add(id);
      result.deliveries.push([id, at]);
    }
  }

  /** What LiveUpdates does with an event, and when the message became renderable. */
  async apply(received: LiveEventData, at: number) {
    const event = config.mode === "apply" ? received : withoutPayload(received);
    const fromOthers = (received.messages ?? []).filter((m) => m.senderId !== this.user.id);
    for (const m of fromOthers) {
      if (m.parentId === null) this.lastReceived.set(m.senderId, m.id);
    }
    const refetches: Promise<unknown>[] = [];
    let openRefetch: Promise<unknown> | undefined;
    // The browser's rules (lib/live/apply.ts), over this tab's views: only views on screen
    // are held, so only they are refetched (react-query leaves inactive queries stale).
    applyToViews(
      {
        viewerId: this.user.id,
        get: <T>(key: QueryKey) => this.view(key) as T | undefined,
        replace: (key, data) => this.replaceView(key, data),
        setCounts: (counts) => {
          this.counts = counts;
        },
        refetch: (key) => {
          const [kind, id] = key;
          if (kind === chatKeys.counts[0]) refetches.push(this.loadCounts());
          else if (kind === directoryKeys.recent[0]) void this.loadRecent();
          else if (kind === chatKeys.rooms[0]) refetches.push(this.loadRooms());
          else if (kind === "conversation") {
            openRefetch = this.loadConversation();
            refetches.push(openRefetch);
          } else if (kind === "room") {
            openRefetch = this.refreshRoom(id as number);
            refetches.push(openRefetch);
          } else if (kind === "thread") refetches.push(this.loadThread(id as number));
        },
      },
      event,
    );
    if (event.type === "room.changed") {
      if (event.senderIds?.includes(this.user.id)) return;
      // Renderable once the open room is rendered again, or, off screen, the badges are back.
      await (openRefetch ?? Promise.all(refetches));
      return this.delivered(event.messageIds, now());
    }
    if (event.type !== "message.created") return;
    this.markSeen(event, fromOthers);
    // The server always sends the message: it tells the receiver's copy from the sender's.
    const theirs = fromOthers.map((m) => m.id);
    if (event.messages) return this.delivered(theirs, at);
    // No payload: renderable once the open conversation (or, off screen, the badge) is back.
    await (openRefetch ?? Promise.all(refetches));
    this.delivered(theirs, now());
  }

  /** The view under a react-query key, if this tab shows it. */
  view(key: QueryKey): unknown {
    const [kind, id] = key;
    const { open } = this;
    if (kind === "conversation")
      return open.kind === "dm" && id === open.id ? this.conversation : undefined;
    if (kind === "room")
      return open.kind === "room" && id === open.id ? this.roomMessages : undefined;
    const thread = this.thread;
    if (kind === "thread") return thread && thread.rootId === id ? thread.messages : undefined;
    if (kind === directoryKeys.recent[0]) return this.recent;
    if (kind === chatKeys.rooms[0]) return this.rooms;
    // The counts: held on every page (LiveCountBadge, TabTitle); the event's are applied.
    if (kind === chatKeys.counts[0]) return this.counts;
    return undefined;
  }

  replaceView(key: QueryKey, data: unknown) {
    const [kind] = key;
    if (kind === "conversation") this.conversation = data as Pages;
    else if (kind === "thread" && this.thread) this.thread.messages = data as ThreadMessage[];
    else if (kind === directoryKeys.recent[0]) this.recent = data as RecentConversation[];
    else if (kind === chatKeys.rooms[0]) this.rooms = data as Browser["rooms"];
    else if (kind === "room") this.showRoom(data as ConversationMessage[]);
  }

  /** useLiveRoom: the open room's newest message moved, so its read position follows. */
  showRoom(messages: ConversationMessage[]) {
    const newest = (list: ConversationMessage[]) => list.at(-1)?.id ?? 0;
    const moved = newest(messages) > newest(this.roomMessages);
    this.roomMessages = messages.slice(-50);
    if (moved && this.open.kind === "room") this.clearRoomBadge(this.open.id);
  }

  loadCounts() {
    return this.request("GET counts", "GET", "/api/counts");
  }

  loadRooms() {
    return this.request("GET rooms", "GET", "/api/rooms");
  }

  async loadConversation() {
    const { open } = this;
    const page = (await this.request("GET conversation", "GET", `/api/conversations/${open.id}`)) as
      | ConversationPage
      | undefined;
    if (page && open === this.open) this.conversation = { pages: [page], pageParams: [undefined] };
  }

  /**
   * useLiveRoom on a room event it cannot apply: router.refresh() renders the page again
   * (layout included), and its newer newest message marks the room read, whose answer
   * brings the counts.
   */
  async refreshRoom(roomId: number) {
    const { path, headers } = await rscRequest(this.open, this.open, true);
    await this.request("GET room (refresh)", "GET", path, { headers });
    this.clearRoomBadge(roomId);
  }

  /** useMarkRoomRead: an open room's badges clear at once, with no request. */
  clearRoomBadge(roomId: number) {
    const room = this.rooms?.find((r) => r.id === roomId);
    if (!room?.unread) return;
    if (this.counts)
      this.counts = { ...this.counts, inbox: Math.max(0, this.counts.inbox - room.unread) };
    this.rooms = this.rooms?.map((r) => (r.id === roomId ? { ...r, unread: 0 } : r));
  }

  /**
   * useMarkRoomRead: an open room is watched (lib/rooms/watching.ts), 400 ms after opening
   * and again every ROOM_WATCH_RENEW_MS; the server reads what arrives for the tab.
   */
  watchRoom(roomId: number) {
    this.clearRoomBadge(roomId);
    this.unwatchRoom();
    const mark = () => void this.postRoomRead(roomId, true);
    // Every tab of the run opens its home at once; real tabs opened at different times
    // renew at different times, so the home's first renewal comes at a random point.
    const firstRenewal = this.watchedBefore ? ROOM_WATCH_RENEW_MS : random() * ROOM_WATCH_RENEW_MS;
    this.watchedBefore = true;
    const watching = {
      roomId,
      start: setTimeout(mark, BATCH_DELAY_MS),
      renew: setTimeout(() => {
        mark();
        watching.renew = setInterval(mark, ROOM_WATCH_RENEW_MS);
      }, firstRenewal),
    };
    this.watching = watching;
  }

  /** Leaving the room: it is marked read and its watch ends. */
  unwatchRoom() {
    const watching = this.watching;
    if (!watching) return;
    this.watching = undefined;
    clearTimeout(watching.start);
    clearTimeout(watching.renew);
    void this.postRoomRead(watching.roomId, false);
  }

  postRoomRead(roomId: number, watching: boolean) {
    return this.request("POST read (room)", "POST", `/api/rooms/${roomId}/read`, {
      headers: { origin },
      body: { watching },
    });
  }

  /**
   * MarkSeen: received messages that show on screen (top-level ones in the open
   * conversation, replies in the open thread) are marked read, batched as MarkSeen does.
   */
  markSeen(event: LiveEventData, fromOthers: LiveMessage[]) {
    const { open } = this;
    const onScreen = fromOthers.filter((m) =>
      m.parentId === null
        ? open.kind === "dm" && event.conversationWith === open.id
        : this.thread !== undefined && event.threadRootIds?.includes(this.thread.rootId),
    );
    if (onScreen.length === 0) return;
    for (const m of onScreen) this.unseen.add(m.id);
    this.seenTimer ??= setTimeout(() => {
      const messageIds = [...this.unseen];
      this.unseen.clear();
      this.seenTimer = undefined;
      void this.request("POST read", "POST", "/api/messages/read", {
        body: { messageIds },
        headers: { origin },
      });
    }, BATCH_DELAY_MS);
  }

  async loadRecent() {
    const answer = (await this.request("GET recent", "GET", "/api/recent-conversations")) as
      | { conversations: RecentConversation[] }
      | undefined;
    if (answer) this.recent = answer.conversations;
  }

  async loadThread(rootId: number) {
    const thread = (await this.request("GET thread", "GET", `/api/threads/${rootId}`)) as
      | { rootId: number; messages: ThreadMessage[] }
      | undefined;
    if (thread) this.thread = thread;
  }

  /** `action` again and again, `delay()` ms apart (the first after `first` ms), while the run sends. */
  repeat(delay: () => number, action: () => Promise<void>, first = delay()) {
    const next = (ms: number) => {
      this.timers.push(
        setTimeout(() => {
          if (!sending) return;
          void action().then(() => next(delay()));
        }, ms),
      );
    };
    next(first);
  }

  start() {
    this.repeat(
      () => exponential(config.sendEverySeconds),
      () => this.send(),
    );
    this.repeat(
      () => exponential(config.openEverySeconds),
      () => this.visit(),
    );
    // Page loads every ~15 min, jittered (half to one and a half of it); the first falls
    // anywhere in the first period, so the loads are spread over time.
    const period = config.pageLoadEverySeconds * 1000;
    this.repeat(
      () => period * (0.5 + random()),
      () => this.loadPage(),
      random() * period,
    );
    if (config.signals) this.pingWhileUsed();
  }

  /** PresenceTracker: a ping with the colleagues in view every ACTIVITY_PING_MS, spread over the first. */
  pingWhileUsed() {
    const ping = () => {
      if (!sending) return;
      // A typing signal within ACTIVITY_PING_MS already told the server: as PresenceTracker does.
      const typed = Math.max(0, ...this.typedAt.values());
      if (this.pinged && now() - typed < ACTIVITY_PING_MS) {
        this.timers.push(setTimeout(ping, typed + ACTIVITY_PING_MS - now()));
        return;
      }
      // The first one is the page's opening, which also says who is in view.
      this.pinged = true;
      void this.request("POST presence", "POST", "/api/presence", {
        body: { active: true, watch: this.user.colleagues.map((c) => c.id) },
        headers: { origin },
      });
      this.timers.push(setTimeout(ping, ACTIVITY_PING_MS));
    };
    this.timers.push(setTimeout(ping, random() * ACTIVITY_PING_MS));
  }

  /**
   * TypingStatus: one signal before a send, at most one per 3 s per conversation; none in a
   * large room, whose page has no TypingStatus.
   */
  async typing(to: Place) {
    if (to.kind === "room" && !this.user.rooms.some((room) => room.id === to.id && room.typing))
      return;
    const at = now();
    const where = `${to.kind}:${to.id}`;
    if (at - (this.typedAt.get(where) ?? 0) < TYPING_EVERY_MS) return;
    this.typedAt.set(where, at);
    await this.request("POST typing", "POST", "/api/typing", {
      body: to.kind === "dm" ? { receiverId: to.id } : { roomId: to.id },
      headers: { origin },
    });
  }

  stop() {
    for (const timer of this.timers) clearTimeout(timer);
    if (this.watching) {
      clearTimeout(this.watching.start);
      clearTimeout(this.watching.renew);
    }
  }

  /** A look at another of the user's conversations, then back home (two navigations). */
  async visit() {
    const { colleagues, rooms, companyRoom, home } = this.user;
    const places: Place[] = [
      ...colleagues.map(({ id }) => ({ kind: "dm" as const, id })),
      ...rooms.map(({ id }) => ({ kind: "room" as const, id })),
      ...(companyRoom ? [{ kind: "room" as const, id: companyRoom }] : []),
    ].filter((place) => place.kind !== home.kind || place.id !== home.id);
    const away = places[Math.floor(random() * places.length)];
    if (!away) return;
    await this.navigate(away);
    await sleep(exponential(config.visitSeconds));
    if (sending) await this.navigate(home);
  }

  /** A client-side navigation: the page's RSC payload, then what the page fetches. */
  async navigate(to: Place) {
    const { path, headers } = await rscRequest(to, this.open);
    this.unwatchRoom();
    this.open = to;
    this.thread = undefined;
    await this.request("GET page (navigation)", "GET", path, { headers });
    this.conversation = emptyConversation();
    this.roomMessages = [];
    await this.afterRender(false);
  }

  /** A tab opened or reloaded: the conversation page's HTML document, then what it fetches. */
  async loadPage() {
    await this.request("GET page (load)", "GET", pathOf(this.open), {
      headers: { accept: "text/html" },
    });
    await this.afterRender(true);
  }

  /**
   * What the page's client components fetch after it renders: on a page load the counts
   * (RoomSidebar); on a navigation among the user's own conversations nothing (its list of
   * rooms has not changed). In a room, its read position follows (useMarkRoomRead).
   */
  async afterRender(load: boolean) {
    const { open } = this;
    if (open.kind === "room") this.watchRoom(open.id);
    if (load) await this.loadCounts();
  }

  /** Where the next send goes: a room (by roomWeight) or a colleague (the partner most). */
  target(): Place {
    const { rooms, colleagues } = this.user;
    if (rooms.length > 0 && random() < config.roomShare) {
      const weights = rooms.map((room) => roomWeight(room.members));
      let pick = random() * weights.reduce((a, b) => a + b, 0);
      for (const [i, room] of rooms.entries()) {
        pick -= weights[i] as number;
        if (pick <= 0) return { kind: "room", id: room.id };
      }
    }
    const [partner, ...others] = colleagues;
    const colleague =
      random() < config.partnerShare || others.length === 0
        ? partner
        : others[Math.floor(random() * others.length)];
    return { kind: "dm", id: (colleague as { id: number }).id };
  }

  async send(to = this.target()) {
    const content = `Simulated message ${++this.seq} from user ${this.user.id}.`;
    const root = to.kind === "dm" ? this.lastReceived.get(to.id) : undefined;
    const reply = root !== undefined && random() < config.replyShare;
    if (reply && this.thread?.rootId !== root) {
      this.thread = { rootId: root, messages: [] };
      await this.loadThread(root);
    }
    if (!reply && config.signals) await this.typing(to);
    const started = now();
    const idempotencyKey = `${this.user.id}-${this.seq}-${started}`;
    const body = reply
      ? { parentMessageId: root, content }
      : to.kind === "dm"
        ? { receiverId: to.id, content, idempotencyKey }
        : { roomId: to.id, content, idempotencyKey };
    const kind = reply ? "POST reply" : to.kind === "dm" ? "POST message" : "POST message (room)";
    const sent = (await this.request(kind, "POST", "/api/messages", {
      body,
      headers: { origin },
    })) as { id: number } | undefined;
    if (sent && started >= window.start && started < window.end)
      result.sends.push([sent.id, started, to.kind === "room" ? to.id : 0]);
    // Before payloads, ConversationView refetched the conversation after a send of its own,
    // and a reply's form refreshed everything; now the send's own event brings it.
    if (config.mode === "refetch" && to.kind === "dm") {
      if (!reply) await this.loadConversation();
      else {
        await this.loadCounts();
        if (this.thread) await this.loadThread(this.thread.rootId);
      }
    }
  }
}

/** The company-wide room's traffic: a member of this process sends into it now and then. */
function companyTraffic(browsers: Browser[]) {
  const members = browsers.filter((b) => b.user.companyRoom !== undefined);
  if (members.length === 0) return;
  const next = () =>
    setTimeout(() => {
      if (!sending) return;
      const browser = members[Math.floor(random() * members.length)] as Browser;
      void browser.send({ kind: "room", id: browser.user.companyRoom as number }).then(next);
    }, exponential(config.companyEverySeconds));
  next();
}

const streams: http.ClientRequest[] = [];
let stopping = false;

async function main() {
  const browsers = config.users.map((user) => new Browser(user));
  const gap = 1000 / config.connectPerSecond;
  const connecting: Promise<void>[] = [];
  for (const browser of browsers) {
    connecting.push(browser.connect());
    await sleep(gap);
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
  companyTraffic(browsers);
  await sleep(Math.max(0, window.start - now()));
  const cpuStart = process.cpuUsage();
  countRequests(true);
  await sleep(Math.max(0, window.end - now()));
  countRequests(false);
  const cpu = process.cpuUsage(cpuStart);
  result.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  sending = false;
  for (const browser of browsers) browser.stop();
  await sleep(config.graceSeconds * 1000);
  stopping = true;
  lines.close();
  for (const stream of streams) stream.destroy();
  apiAgent.destroy();
  // stdout into a pipe is asynchronous: exit only once the (large) result line is flushed.
  process.stdout.write(`${JSON.stringify({ phase: "result", ...result })}\n`, () =>
    process.exit(0),
  );
}

void main();
