/**
 * Runs once when a server starts, before it serves a request:
 * - stamps each request with its peer's socket address (Next gives the app none; see
 *   lib/client-address.ts), replacing any header of that name a client sent;
 * - brings the database up to date and connects the events layer's receivers (nothing
 *   registers them implicitly).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { stampPeerAddress } = await import("./lib/peer-address");
  stampPeerAddress();
  const { migrateDatabase } = await import("./db/client");
  const { registerReceivers } = await import("./db/receivers");
  await migrateDatabase();
  registerReceivers();
}
