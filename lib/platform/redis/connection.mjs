/**
 * The Redis connection of the shared mode (REDIS_URL set), in plain JavaScript: the data
 * cache handler is loaded by Node itself, outside the app's bundles, and shares this module
 * with them. One client per process (kept on globalThis, so the bundled copy and the
 * handler's copy use the same one), plus one for subscriptions.
 *
 * Redis being down must degrade the app, never hang it: commands fail at once while the
 * client is disconnected (no offline queue) and time out after COMMAND_TIMEOUT_MS; callers
 * treat a failure as "no shared state right now". After an outage, `onRecovery` callbacks
 * run (the cache drops what it may have missed).
 */
import { createClient } from "redis";

export const COMMAND_TIMEOUT_MS = 1_000;
const STATE = Symbol.for("cairo-chat.redis");

export function sharedMode() {
  return Boolean(process.env.REDIS_URL);
}

function state() {
  globalThis[STATE] ??= {
    client: undefined,
    subscriber: undefined,
    // Until the first connection, anything written elsewhere may have been missed.
    down: true,
    recoveryCallbacks: new Set(),
    outageCallbacks: new Set(),
  };
  return globalThis[STATE];
}

function connect(role) {
  const client = createClient({
    url: process.env.REDIS_URL,
    // Commands fail at once while disconnected; subscriptions wait for the connection.
    disableOfflineQueue: role === "commands",
    socket: {
      connectTimeout: 2_000,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000),
    },
  });
  client.on("error", (error) => {
    const s = state();
    if (role === "commands" && !s.down) {
      s.down = true;
      console.warn(`[redis] unreachable, degrading to per-server state: ${error.message}`);
      for (const callback of s.outageCallbacks) runSafely(callback);
    }
  });
  client.on("ready", () => {
    const s = state();
    if (role === "commands" && s.down) {
      s.down = false;
      for (const callback of s.recoveryCallbacks) runSafely(callback);
    }
  });
  client.connect().catch(() => {
    // The reconnect strategy keeps trying; readiness is reported by the events above.
  });
  return client;
}

function runSafely(callback) {
  Promise.resolve()
    .then(callback)
    .catch((error) => console.error("[redis] callback failed:", error));
}

/** The command client when Redis is reachable now, else undefined (degrade). */
export function redis() {
  if (!sharedMode()) return undefined;
  const s = state();
  s.client ??= connect("commands");
  return s.client.isReady && !s.down ? s.client : undefined;
}

/** The subscription client (pub/sub needs a connection of its own). */
export function redisSubscriber() {
  if (!sharedMode()) return undefined;
  const s = state();
  s.subscriber ??= connect("subscriber");
  return s.subscriber;
}

/** Runs after every outage, once Redis answers again. Returns a function that unregisters. */
export function onRecovery(callback) {
  state().recoveryCallbacks.add(callback);
  return () => state().recoveryCallbacks.delete(callback);
}

/** Runs when Redis stops answering. Returns a function that unregisters. */
export function onOutage(callback) {
  state().outageCallbacks.add(callback);
  return () => state().outageCallbacks.delete(callback);
}

/** A command that gives up after COMMAND_TIMEOUT_MS instead of waiting on a dead server. */
export function withTimeout(promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("Redis did not answer in time")), COMMAND_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Connects at server start (instrumentation.ts), so the first request already shares state
 * with the other servers instead of falling back to per-process mode. Gives up waiting
 * after `timeoutMs` (Redis down at start: the server degrades and recovers by itself).
 */
export async function connectRedis(timeoutMs = 5_000) {
  if (!sharedMode()) return false;
  redis();
  redisSubscriber();
  const { client, subscriber } = state();
  const ready = (c) =>
    c.isReady ? Promise.resolve() : new Promise((resolve) => c.once("ready", resolve));
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const outcome = await Promise.race([Promise.all([ready(client), ready(subscriber)]), timeout]);
  clearTimeout(timer);
  return outcome !== "timeout";
}
