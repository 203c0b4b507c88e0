import { randomBytes } from "node:crypto";
import { processSingleton } from "@/db/singleton";
import { onRecovery, redis, sharedMode, withTimeout } from "@/lib/platform/redis/connection.mjs";
import { ACTIVE_MS, presenceState } from "./presence-state";
import type { PresenceState } from "./types";

/** How many colleagues one user may have in view (the sidebar, a header, a room's list). */
export const MAX_WATCHED = 200;
/** A view not refreshed for this long is forgotten (a used tab pings every 2 minutes). */
const WATCH_MS = 10 * 60_000;
/** A server's word that a user has a stream there lasts this long unless refreshed. */
const ONLINE_MS = 90_000;
/** How often a server rewrites what it knows into Redis (TTLs, and after a Redis restart). */
export const REFRESH_MS = 30_000;

/**
 * Where presence lives: never the database. Open streams and activity are counted in memory
 * on each server; on several servers each also writes what it knows into Redis, in keys
 * that expire (`online:<user>` a hash of server -> until, `active:<user>`, `watch:<user>`),
 * rewritten every REFRESH_MS and at once when Redis comes back, so a Redis restart loses
 * nothing for longer than that.
 */
export interface PresenceStore {
  streamOpened(userId: number): void;
  streamClosed(userId: number): void;
  /** A tab of the user's was used (`active`), and what they have in view (`watch`). */
  ping(userId: number, active: boolean, watch: number[] | undefined, now?: number): Promise<void>;
  /** Who each of `userIds` has in view. */
  watching(userIds: number[]): Promise<Map<number, number[]>>;
  states(userIds: number[], now?: number): Promise<Map<number, PresenceState>>;
}

/** This server's own knowledge: all there is on one server. */
export function createMemoryPresence() {
  const streams = new Map<number, number>();
  const activeAt = new Map<number, number>();
  const watches = new Map<number, { ids: number[]; at: number }>();
  const store = {
    streams,
    activeAt,
    watches,
    streamOpened(userId: number) {
      streams.set(userId, (streams.get(userId) ?? 0) + 1);
    },
    streamClosed(userId: number) {
      const left = (streams.get(userId) ?? 1) - 1;
      if (left > 0) streams.set(userId, left);
      // The activity stays (for a stream that reopens, after a Redis restart say): without a
      // stream it shows nothing, and it expires with ACTIVE_MS.
      else streams.delete(userId);
    },
    async ping(userId: number, active: boolean, watch: number[] | undefined, now = Date.now()) {
      if (active) activeAt.set(userId, now);
      if (watch) watches.set(userId, { ids: watch.slice(0, MAX_WATCHED), at: now });
    },
    async watching(userIds: number[], now = Date.now()) {
      const found = new Map<number, number[]>();
      for (const userId of userIds) {
        const watch = watches.get(userId);
        if (!watch) continue;
        if (now - watch.at >= WATCH_MS) watches.delete(userId);
        else found.set(userId, watch.ids);
      }
      return found;
    },
    async states(userIds: number[], now = Date.now()) {
      const found = new Map<number, PresenceState>();
      for (const id of userIds) {
        found.set(
          id,
          presenceState({ online: streams.has(id), lastActiveAt: activeAt.get(id) }, now),
        );
      }
      return found;
    },
  };
  return store;
}

type MemoryPresence = ReturnType<typeof createMemoryPresence>;

const key = {
  online: (id: number) => `cairo:presence:online:${id}`,
  active: (id: number) => `cairo:presence:active:${id}`,
  watch: (id: number) => `cairo:presence:watch:${id}`,
};

/** Several servers: Redis holds the union, each server's memory what it wrote there. */
export function createRedisPresence(local: MemoryPresence = createMemoryPresence()) {
  const server = randomBytes(6).toString("hex");
  const quietly = (work: Promise<unknown>) => {
    void withTimeout(work).catch(() => {
      // Redis away: the next refresh (or its recovery) writes it again.
    });
  };
  const markOnline = (client: NonNullable<ReturnType<typeof redis>>, userId: number, now: number) =>
    client
      .multi()
      .hSet(key.online(userId), server, String(now + ONLINE_MS))
      .pExpire(key.online(userId), ONLINE_MS)
      .exec();

  /** Everything this server knows, written again (each key with what is left of its life). */
  const refresh = async (now = Date.now()) => {
    const client = redis();
    if (!client) return;
    const batch = client.multi();
    let commands = 0;
    for (const userId of local.streams.keys()) {
      commands++;
      batch.hSet(key.online(userId), server, String(now + ONLINE_MS));
      batch.pExpire(key.online(userId), ONLINE_MS);
    }
    for (const [userId, at] of local.activeAt) {
      const left = at + ACTIVE_MS - now;
      if (left <= 0) {
        local.activeAt.delete(userId);
        continue;
      }
      commands++;
      batch.set(key.active(userId), String(at), { PX: left });
    }
    for (const [userId, watch] of local.watches) {
      const left = watch.at + WATCH_MS - now;
      if (left <= 0) {
        local.watches.delete(userId);
        continue;
      }
      commands++;
      batch.set(key.watch(userId), watch.ids.join(","), { PX: left });
    }
    if (commands > 0) await withTimeout(batch.execAsPipeline());
  };
  const timer = setInterval(() => void refresh().catch(() => {}), REFRESH_MS);
  timer.unref?.();
  onRecovery(() => refresh());

  const store: PresenceStore & { refresh: typeof refresh } = {
    refresh,
    streamOpened(userId) {
      const first = !local.streams.has(userId);
      local.streamOpened(userId);
      const client = redis();
      if (first && client) quietly(markOnline(client, userId, Date.now()));
    },
    streamClosed(userId) {
      local.streamClosed(userId);
      const client = redis();
      if (!local.streams.has(userId) && client) quietly(client.hDel(key.online(userId), server));
    },
    async ping(userId, active, watch, now = Date.now()) {
      await local.ping(userId, active, watch, now);
      const client = redis();
      if (!client) return;
      const batch = client.multi();
      if (active) batch.set(key.active(userId), String(now), { PX: ACTIVE_MS });
      if (watch)
        batch.set(key.watch(userId), watch.slice(0, MAX_WATCHED).join(","), { PX: WATCH_MS });
      if (active || watch) quietly(batch.execAsPipeline());
    },
    async watching(userIds) {
      const client = redis();
      if (!client || userIds.length === 0) return local.watching(userIds);
      try {
        const values = await withTimeout(client.mGet(userIds.map(key.watch)));
        const found = new Map<number, number[]>();
        values.forEach((value, i) => {
          if (value) found.set(userIds[i] as number, value.split(",").map(Number));
        });
        return found;
      } catch {
        return local.watching(userIds);
      }
    },
    async states(userIds, now = Date.now()) {
      const client = redis();
      if (!client || userIds.length === 0) return local.states(userIds, now);
      try {
        const batch = client.multi();
        for (const id of userIds) batch.hVals(key.online(id));
        const actives = client.mGet(userIds.map(key.active));
        const [onlines, activeValues] = await withTimeout(
          Promise.all([batch.execAsPipeline(), actives]),
        );
        const found = new Map<number, PresenceState>();
        userIds.forEach((id, i) => {
          const untils = (onlines[i] as unknown as string[] | null) ?? [];
          const online = untils.some((until) => Number(until) > now);
          const active = activeValues[i];
          found.set(
            id,
            presenceState({ online, lastActiveAt: active ? Number(active) : undefined }, now),
          );
        });
        return found;
      } catch {
        return local.states(userIds, now);
      }
    },
  };
  return store;
}

/** The presence of this server process: in Redis when REDIS_URL is set. */
export function presenceStore(): PresenceStore {
  return processSingleton("presence-store", () =>
    sharedMode() ? createRedisPresence() : createMemoryPresence(),
  );
}
