import { randomBytes } from "node:crypto";
import { processSingleton } from "@/db/singleton";
import { sharedMode } from "@/lib/platform/redis/connection.mjs";
import { createListeners } from "./listeners";
import { createRedisBus } from "./redis-bus";
import type { LiveEvent, LiveEventData } from "./types";

/**
 * Fans live events out to the signed-in users they concern: in process on one server
 * (below), through Redis on several (./redis-bus.ts).
 */
export interface EventBus {
  publish(userId: number, data: LiveEventData): Promise<LiveEvent>;
  subscribe(userId: number, listener: (event: LiveEvent) => void): () => void;
  /**
   * The events for `userId` after `lastEventId`, oldest first. `complete` is false when the
   * id is unknown (another server run, or older than the replay window): the client must
   * then refetch everything instead of trusting the replay.
   */
  replay(userId: number, lastEventId: string): Promise<Replay>;
  /** False while the bus cannot reach every server (Redis down): streams are refused. */
  available(): boolean;
  /** Calls `callback` when the bus stops reaching every server; returns an unsubscribe. */
  onUnavailable(callback: () => void): () => void;
  /** Resolves once the bus hears the other servers (at once in process). */
  ready(): Promise<void>;
  /**
   * The id of the newest event, taken before a page reads its data: the page's stream
   * resumes from it, so nothing committed between the render and the stream's opening is
   * missed. Null when there is nothing to resume from.
   */
  latestEventId(): Promise<string | null>;
}

export interface Replay {
  events: LiveEvent[];
  complete: boolean;
}

export const REPLAY_WINDOW = 2_000;

export function createInProcessBus(windowSize = REPLAY_WINDOW): EventBus {
  const boot = randomBytes(4).toString("hex");
  let sequence = 0;
  const recent: LiveEvent[] = [];
  const listeners = createListeners();

  const sequenceOf = (id: string): number | undefined => {
    const [eventBoot, seq] = id.split("-");
    const parsed = Number(seq);
    return eventBoot === boot && Number.isSafeInteger(parsed) ? parsed : undefined;
  };

  return {
    async publish(userId, data) {
      const event: LiveEvent = { id: `${boot}-${++sequence}`, userId, data };
      recent.push(event);
      if (recent.length > windowSize) recent.splice(0, recent.length - windowSize);
      listeners.deliver(event);
      return event;
    },
    subscribe: (userId, listener) => listeners.add(userId, listener),
    available: () => true,
    onUnavailable: () => () => {},
    ready: async () => {},
    latestEventId: async () => `${boot}-${sequence}`,
    async replay(userId, lastEventId) {
      const after = sequenceOf(lastEventId);
      const oldest = recent[0] ? sequenceOf(recent[0].id) : sequence + 1;
      if (after === undefined || after > sequence || (oldest !== undefined && after < oldest - 1)) {
        return { events: [], complete: false };
      }
      return {
        events: recent.filter((e) => e.userId === userId && (sequenceOf(e.id) ?? 0) > after),
        complete: true,
      };
    },
  };
}

/** The bus of this server process: through Redis when REDIS_URL is set. */
export function liveBus(): EventBus {
  return processSingleton("live-bus", () =>
    sharedMode() ? createRedisBus() : createInProcessBus(),
  );
}
