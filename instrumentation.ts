/**
 * Runs once when a server starts, before it serves a request: brings the database up to
 * date and connects the events layer's receivers (nothing registers them implicitly).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { migrateDatabase } = await import("./db/client");
  const { registerReceivers } = await import("./db/receivers");
  await migrateDatabase();
  registerReceivers();
}
