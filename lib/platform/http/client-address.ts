/**
 * The address a rate limiter counts: one the client cannot choose.
 *
 * Next 16 hands route handlers, server actions and the proxy no socket address. It does set
 * `X-Forwarded-For` to the socket's address, but only when the request came without one
 * (`??=` in Next's base server), so the header alone is whatever the client wrote.
 * `instrumentation.ts` therefore stamps every incoming request with the socket's peer address
 * in PEER_ADDRESS_HEADER, overwriting anything the client sent under that name.
 *
 * With TRUSTED_PROXY_HOPS = 0 (the default: clients connect to `next start` directly) the
 * peer address is the client's. With n > 0, n proxies we run stand in front of the app, each
 * appending the address it received from to `X-Forwarded-For`: the client's address is the
 * n-th entry from the right. Entries further left were written by the client and are
 * never read.
 */
export const PEER_ADDRESS_HEADER = "x-cairo-peer-address";

export function trustedProxyHops(value = process.env.TRUSTED_PROXY_HOPS): number {
  const hops = Number(value ?? 0);
  return Number.isSafeInteger(hops) && hops >= 0 ? hops : 0;
}

export function clientAddress(headers: Headers, hops = trustedProxyHops()): string {
  const peer = headers.get(PEER_ADDRESS_HEADER)?.trim() || "unknown";
  if (hops === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (forwarded.length === 0) return peer;
  // Fewer entries than trusted hops: the request skipped a proxy; take the oldest entry we
  // have, which a trusted proxy still wrote when there is at least one.
  return forwarded[Math.max(0, forwarded.length - hops)] ?? peer;
}
