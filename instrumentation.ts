/**
 * Runs once when the server starts. Next gives the app no socket address (see
 * lib/client-address.ts): stamp each request with its peer's address here, before Next
 * sees it, replacing any header of that name a client sent.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { stampPeerAddress } = await import("./lib/peer-address");
  stampPeerAddress();
}
