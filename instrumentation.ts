/**
 * Runs once when a server starts, before it serves a request:
 * - stamps each request with its peer's socket address (Next gives the app none; see
 *   lib/platform/http/client-address.ts), replacing any header of that name a client sent;
 * - brings the database up to date and connects the events layer's receivers (nothing
 *   registers them implicitly);
 * - sweeps uploads never attached, once an hour (lib/files/cleanup.ts);
 * - on several servers, connects to Redis and subscribes to the other servers' events.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { stampPeerAddress } = await import("./lib/platform/http/peer-address");
  stampPeerAddress();
  const { migrateDatabase } = await import("./db/client");
  const { registerReceivers } = await import("./lib/receivers");
  await migrateDatabase();
  registerReceivers();
  const { scheduleUploadSweep } = await import("./lib/files/cleanup");
  scheduleUploadSweep();
  // Several servers: share state from the first request on, not after a first fallback.
  const { connectRedis } = await import("./lib/platform/redis/connection.mjs");
  if (await connectRedis()) {
    const { liveBus } = await import("./lib/live/bus");
    await liveBus().ready();
  }
}
